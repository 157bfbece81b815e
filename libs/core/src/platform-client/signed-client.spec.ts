import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ok, permanent, type PlatformResult } from './platform-result.js';
import { SignedClient, type PlatformAnswer, type PlatformSession, type SignedProtocol } from './signed-client.js';

/** A toy platform: `{code: 0, data}` on success, the access token in a header, "expired" as its refusal word. */
interface Credentials {
  accessToken: string;
  refreshToken: string;
  expiresAt?: number;
}

const protocol: SignedProtocol<Credentials, string> = {
  name: 'Toy',
  prepare: (credentials, path) => ({ url: `${base}${path}`, init: { headers: { 'x-token': credentials.accessToken } } }),
  read(_response, text): PlatformAnswer {
    let envelope: { code?: unknown; message?: string; data?: unknown };
    try {
      envelope = JSON.parse(text);
    } catch {
      return { kind: 'unreadable' };
    }
    if (envelope.code === 0) return { kind: 'success', value: envelope.data };
    const code = String(envelope.code);
    const meaning = code === 'expired' ? 'token-refused' : code === 'busy' ? 'transient' : code === 'quota' ? 'rate-limited' : undefined;
    return { kind: 'error', code, message: envelope.message ?? '', ...(meaning ? { meaning } : {}), ...(code === 'quota' ? { retryAfterSeconds: 3600 } : {}) };
  },
  lapsed: (credentials, now) => credentials.expiresAt !== undefined && now.getTime() / 1000 >= credentials.expiresAt,
};

let server: Server;
let base: string;
let handle: (request: IncomingMessage, response: ServerResponse) => void;
const seenTokens: string[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    seenTokens.push(String(request.headers['x-token']));
    handle(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  return new Promise<void>((resolve) => server.close(() => resolve()));
});
beforeEach(() => {
  seenTokens.length = 0;
});

/** Answers `{code: 0}` only to the token "fresh"; anything else is refused as expired. */
function acceptOnlyFresh(): void {
  handle = (request, response) => {
    const fresh = request.headers['x-token'] === 'fresh';
    response.setHeader('content-type', 'application/json');
    response.end(JSON.stringify(fresh ? { code: 0, data: { shop: 'Hợp tác xã Cát Hải' } } : { code: 'expired', message: 'access token expired' }));
  };
}

function sessionWith(
  credentials: Credentials,
  renewals: { count: number },
  renewed: PlatformResult<Credentials> = ok({ accessToken: 'fresh', refreshToken: 'r2' }),
): PlatformSession<Credentials> {
  return {
    key: 'connection-1',
    credentials,
    renew: async () => {
      renewals.count++;
      await new Promise((resolve) => setTimeout(resolve, 20));
      return renewed;
    },
  };
}

describe('SignedClient', () => {
  const client = new SignedClient(protocol, { timeoutMs: 2000, refreshReuseMs: 60_000 });

  it('refreshes once when the token is refused and sends the request again with the new one', async () => {
    acceptOnlyFresh();
    const renewals = { count: 0 };
    const session = sessionWith({ accessToken: 'old', refreshToken: 'r1' }, renewals);
    const result = await client.call<{ shop: string }>(session, '/shop');
    expect(result).toEqual({ ok: true, value: { shop: 'Hợp tác xã Cát Hải' } });
    expect(seenTokens).toEqual(['old', 'fresh']);
    expect(renewals.count).toBe(1);
    expect(session.credentials.refreshToken).toBe('r2');
  });

  it('shares one refresh between requests that are refused together (a refresh token works once)', async () => {
    acceptOnlyFresh();
    const renewals = { count: 0 };
    const client2 = new SignedClient(protocol, { timeoutMs: 2000, refreshReuseMs: 60_000 });
    const sessions = [1, 2, 3].map(() => sessionWith({ accessToken: 'old', refreshToken: 'r1' }, renewals));
    const results = await Promise.all(sessions.map((session) => client2.call(session, '/shop')));
    expect(results.every((result) => result.ok)).toBe(true);
    expect(renewals.count).toBe(1);
  });

  it('does not retry a second time when the renewed token is refused too, and reports the refusal', async () => {
    handle = (_request, response) => response.end(JSON.stringify({ code: 'expired', message: 'access token expired' }));
    const renewals = { count: 0 };
    const result = await new SignedClient(protocol, { timeoutMs: 2000 }).call(sessionWith({ accessToken: 'old', refreshToken: 'r1' }, renewals), '/shop');
    expect(result).toEqual(permanent('expired', 'access token expired'));
    expect(renewals.count).toBe(1);
    expect(seenTokens).toEqual(['old', 'fresh']);
  });

  it('a dead refresh token ends the call with the renewal failure, nothing sent again', async () => {
    acceptOnlyFresh();
    const renewals = { count: 0 };
    const dead = permanent('refresh_token_invalid', 'Authorize again.');
    const result = await new SignedClient(protocol, { timeoutMs: 2000 }).call(sessionWith({ accessToken: 'old', refreshToken: 'r1' }, renewals, dead), '/shop');
    expect(result).toEqual(dead);
    expect(seenTokens).toEqual(['old']);
  });

  it('refreshes before sending when the token has lapsed', async () => {
    acceptOnlyFresh();
    const renewals = { count: 0 };
    const session = sessionWith({ accessToken: 'old', refreshToken: 'r1', expiresAt: 1 }, renewals);
    const result = await new SignedClient(protocol, { timeoutMs: 2000 }).call(session, '/shop');
    expect(result.ok).toBe(true);
    expect(seenTokens).toEqual(['fresh']);
  });

  it('a platform without token renewal gets the refusal as it is', async () => {
    acceptOnlyFresh();
    const result = await client.call({ key: 'carrier', credentials: { accessToken: 'static' } as Credentials }, '/shop');
    expect(result).toEqual(permanent('expired', 'access token expired'));
    expect(seenTokens).toEqual(['static']);
  });

  it.each([
    ['a 503 page', 503, 'Service Unavailable', { retryable: true, code: 'http_503' }],
    ['a 429 with Retry-After', 429, '{"code":"slow"}', { retryable: true, code: 'slow', retryAfterSeconds: 7 }],
    ['a quota word with its own reset time', 200, '{"code":"quota","message":"daily limit"}', { retryable: true, code: 'quota', retryAfterSeconds: 3600 }],
    ['a transient word', 200, '{"code":"busy","message":"system busy"}', { retryable: true, code: 'busy', message: 'system busy' }],
    ['an HTML page with 200', 200, '<html>login</html>', { retryable: false, code: 'bad_response' }],
    ['success words on a 400', 400, '{"code":0}', { retryable: false, code: 'http_400', message: 'Toy answered HTTP 400.' }],
    ['a refusal for a person to fix', 200, '{"code":"item_banned","message":"banned"}', { retryable: false, code: 'item_banned', message: 'banned' }],
  ])('reads %s', async (_name, status, body, expected) => {
    handle = (_request, response) => {
      response.statusCode = status;
      response.setHeader('retry-after', '7');
      response.end(body);
    };
    const result = await client.send({ accessToken: 'x', refreshToken: 'y' }, '/any');
    expect(result).toMatchObject({ ok: false, ...expected });
  });

  it('a platform that does not answer in time is a retryable timeout naming it', async () => {
    handle = () => undefined;
    const result = await new SignedClient(protocol, { timeoutMs: 100 }).send({ accessToken: 'x', refreshToken: 'y' }, '/slow');
    expect(result).toMatchObject({ ok: false, retryable: true, code: 'timeout', message: 'Toy did not answer within 100 ms.' });
  });
});
