import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, onSessionChange, readSession, writeSession, type Schemas, type StoredSession } from './api/client';

interface Session {
  user: Schemas['UserDto'] | null;
  signedIn(response: Schemas['AuthResponseDto']): void;
  signOut(): Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [stored, setStored] = useState<StoredSession | null>(readSession);
  useEffect(() => onSessionChange(setStored), []);
  useEffect(() => {
    const follow = (event: StorageEvent) => {
      if (event.key === 'nongsan.session') setStored(readSession());
    };
    window.addEventListener('storage', follow);
    return () => window.removeEventListener('storage', follow);
  }, []);

  const session = useMemo<Session>(
    () => ({
      user: stored?.user ?? null,
      signedIn: (response) => writeSession({ accessToken: response.accessToken, refreshToken: response.refreshToken, user: response.user }),
      signOut: async () => {
        const current = readSession();
        if (current) await api.POST('/api/v1/auth/logout', { body: { refreshToken: current.refreshToken } }).catch(() => undefined);
        writeSession(null);
      },
    }),
    [stored],
  );
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}
