import { randomBytes, randomUUID } from 'node:crypto';
import { CredentialBox } from './credential-box.js';

describe('CredentialBox', () => {
  const box = new CredentialBox(randomBytes(32).toString('base64'));
  const credentials = { partnerId: '2001887', partnerKey: 'shpk-secret-value', accessToken: 'tok' };

  it('opens what it sealed, and the sealed text shows none of the secrets', () => {
    const id = randomUUID();
    const sealed = box.seal(id, credentials);
    expect(sealed).not.toContain('shpk-secret-value');
    expect(sealed).not.toContain('2001887');
    expect(box.open(id, sealed)).toEqual(credentials);
  });

  it('uses a fresh nonce each time', () => {
    const id = randomUUID();
    expect(box.seal(id, credentials)).not.toBe(box.seal(id, credentials));
  });

  it('refuses a box moved to another connection, a tampered box and another key', () => {
    const id = randomUUID();
    const sealed = box.seal(id, credentials);
    expect(() => box.open(randomUUID(), sealed)).toThrow();
    const parts = sealed.split('.');
    const flipped = Buffer.from(parts[3], 'base64url');
    flipped[0] ^= 1;
    expect(() => box.open(id, [parts[0], parts[1], parts[2], flipped.toString('base64url')].join('.'))).toThrow();
    expect(() => new CredentialBox(randomBytes(32).toString('base64')).open(id, sealed)).toThrow();
  });

  it('refuses a key that is not 32 bytes', () => {
    expect(() => new CredentialBox(randomBytes(16).toString('base64'))).toThrow('32 bytes');
  });
});
