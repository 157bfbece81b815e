import { expiryText, tokenLapsed, withTokens } from './token-expiry.js';

describe('token expiry', () => {
  const now = new Date('2026-12-07T09:00:00Z');
  const at = (seconds: number) => String(Math.floor(now.getTime() / 1000) + seconds);

  it('counts a token as lapsed within the early margin, and never when the platform gave no expiry', () => {
    expect(tokenLapsed({ accessTokenExpiresAt: at(3600) }, now, 300)).toBe(false);
    expect(tokenLapsed({ accessTokenExpiresAt: at(200) }, now, 300)).toBe(true);
    expect(tokenLapsed({ accessTokenExpiresAt: at(-1) }, now, 0)).toBe(true);
    expect(tokenLapsed({}, now, 300)).toBe(false);
  });

  it('keeps only a whole positive expiry, and drops the old one when the new pair has none', () => {
    expect(expiryText(1765098000)).toBe('1765098000');
    expect(expiryText(0)).toBeUndefined();
    expect(expiryText('1765098000')).toBeUndefined();
    const old = { appKey: 'k', accessToken: 'a1', refreshToken: 'r1', accessTokenExpiresAt: at(10) };
    expect(withTokens(old, { accessToken: 'a2', refreshToken: 'r2' })).toEqual({ appKey: 'k', accessToken: 'a2', refreshToken: 'r2' });
    expect(withTokens(old, { accessToken: 'a2', refreshToken: 'r2', accessTokenExpiresAt: at(99) })).toMatchObject({ accessTokenExpiresAt: at(99) });
  });
});
