import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** Format version first, so a future key rotation can tell old boxes from new. */
const VERSION = 'v1';

/**
 * An account's secrets at rest (a marketplace connection's credentials, a carrier account's token):
 * AES-256-GCM under CREDENTIALS_KEY with a fresh 96-bit nonce per write and the owning row's id as
 * associated data, so a box copied onto another row does not open. Stored as
 * `v1.<nonce>.<tag>.<ciphertext>` in base64url.
 */
export class CredentialBox {
  private readonly key: Buffer;

  constructor(base64Key: string) {
    this.key = Buffer.from(base64Key, 'base64');
    if (this.key.length !== 32) throw new Error('CREDENTIALS_KEY must be 32 bytes');
  }

  seal(connectionId: string, credentials: Record<string, string>): string {
    const nonce = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, nonce);
    cipher.setAAD(Buffer.from(connectionId));
    const sealed = Buffer.concat([cipher.update(JSON.stringify(credentials), 'utf8'), cipher.final()]);
    return [VERSION, nonce.toString('base64url'), cipher.getAuthTag().toString('base64url'), sealed.toString('base64url')].join('.');
  }

  open(connectionId: string, box: string): Record<string, string> {
    const [version, nonce, tag, sealed] = box.split('.');
    if (version !== VERSION || !nonce || !tag || sealed === undefined) throw new Error('unreadable credentials box');
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(nonce, 'base64url'));
    decipher.setAAD(Buffer.from(connectionId));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return JSON.parse(Buffer.concat([decipher.update(Buffer.from(sealed, 'base64url')), decipher.final()]).toString('utf8')) as Record<string, string>;
  }
}
