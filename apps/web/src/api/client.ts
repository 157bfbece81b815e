import createClient, { type Middleware } from 'openapi-fetch';
import type { components, paths } from './schema';

export type Schemas = components['schemas'];
export type ApiError = Schemas['ErrorBodyDto'];

const SESSION_KEY = 'nongsan.session';

export interface StoredSession {
  accessToken: string;
  refreshToken: string;
  user: Schemas['UserDto'];
}

export function readSession(): StoredSession | null {
  try {
    return JSON.parse(localStorage.getItem(SESSION_KEY) ?? 'null') as StoredSession | null;
  } catch {
    return null;
  }
}

const sessionListeners = new Set<(session: StoredSession | null) => void>();

export function writeSession(session: StoredSession | null): void {
  if (session) localStorage.setItem(SESSION_KEY, JSON.stringify(session));
  else localStorage.removeItem(SESSION_KEY);
  for (const listener of sessionListeners) listener(session);
}

export function onSessionChange(listener: (session: StoredSession | null) => void): () => void {
  sessionListeners.add(listener);
  return () => sessionListeners.delete(listener);
}

let language = 'vi';
export function setApiLanguage(lang: string): void {
  language = lang;
}

/** One refresh at a time: refresh tokens work once, so parallel 401s must share the answer. */
let refreshing: Promise<StoredSession | null> | null = null;
function refreshSession(): Promise<StoredSession | null> {
  refreshing ??= (async () => {
    const current = readSession();
    if (!current) return null;
    const response = await fetch('/api/v1/auth/refresh', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ refreshToken: current.refreshToken }),
    }).catch(() => null);
    if (!response?.ok) {
      if (response && response.status < 500) writeSession(null);
      return null;
    }
    const body = (await response.json()) as Schemas['AuthResponseDto'];
    const next = { accessToken: body.accessToken, refreshToken: body.refreshToken, user: body.user };
    writeSession(next);
    return next;
  })().finally(() => {
    refreshing = null;
  });
  return refreshing;
}

/** An unread copy of each request, to send again with a fresh token after a 401. */
const unsent = new WeakMap<Request, Request>();

const sessionMiddleware: Middleware = {
  onRequest({ request }) {
    request.headers.set('Accept-Language', language);
    const session = readSession();
    if (session && !request.headers.has('Authorization')) request.headers.set('Authorization', `Bearer ${session.accessToken}`);
    unsent.set(request, request.clone());
    return request;
  },
  async onResponse({ request, response }) {
    if (response.status !== 401 || !request.headers.has('Authorization') || request.url.includes('/auth/')) return response;
    const next = await refreshSession();
    if (!next) return response;
    const again = unsent.get(request);
    if (!again) return response;
    again.headers.set('Authorization', `Bearer ${next.accessToken}`);
    return fetch(again);
  },
};

export const api = createClient<paths>({ baseUrl: '' });
api.use(sessionMiddleware);

/** The first message a person should read from an API error, or a network message. */
export function errorOf(error: unknown, fallback: string): ApiError {
  if (error && typeof error === 'object' && 'error' in error) return (error as { error: ApiError }).error;
  return { code: 'NETWORK', message: fallback, details: [], requestId: '' };
}
