import { createHmac } from 'node:crypto';
import { pushAuthorized, signaturesMatch } from './push-signature.js';

const hmac = (key: string, message: string) => createHmac('sha256', key).update(message, 'utf8').digest('hex');

describe('push signatures', () => {
  it('compares signatures in constant time, hex case-insensitively, and refuses absent or truncated ones', () => {
    const sign = hmac('k', 'x');
    expect(signaturesMatch(sign, sign)).toBe(true);
    expect(signaturesMatch(sign, sign.toUpperCase())).toBe(true);
    expect(signaturesMatch(sign, undefined)).toBe(false);
    expect(signaturesMatch(sign, sign.slice(0, 63))).toBe(false);
    expect(signaturesMatch(sign, sign.slice(1))).toBe(false);
    expect(signaturesMatch(sign, hmac('other-key', 'x'))).toBe(false);
  });

  it('reads the Authorization header whatever the case of its name', () => {
    const sign = hmac('k', 'x');
    const push = (headers: Record<string, string | undefined>) => ({ url: 'https://example.vn/webhook', rawBody: Buffer.from('{}'), headers });
    expect(pushAuthorized(push({ Authorization: sign }), sign)).toBe(true);
    expect(pushAuthorized(push({ authorization: sign }), sign)).toBe(true);
    expect(pushAuthorized(push({ authorization: hmac('k', 'y') }), sign)).toBe(false);
    expect(pushAuthorized(push({}), sign)).toBe(false);
  });
});
