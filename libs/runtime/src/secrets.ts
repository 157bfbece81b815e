import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

export interface LocalSecrets {
  postgresPassword: string;
  jwtSecret: string;
  credentialsKey: string;
  /** The embedded object store's secret key (its key id is S3_ACCESS_KEY_ID). */
  s3SecretAccessKey: string;
}

/**
 * Embedded mode needs secrets nobody configured: they are generated once and kept beside the data
 * they protect, so a restart keeps sessions valid and encrypted credentials readable.
 */
export async function loadOrCreateSecrets(dataDir: string): Promise<LocalSecrets> {
  const file = path.join(dataDir, 'secrets.json');
  let stored: Partial<LocalSecrets> = {};
  try {
    stored = JSON.parse(await fs.readFile(file, 'utf8')) as Partial<LocalSecrets>;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw new Error(`Cannot read ${file}: ${(error as Error).message}`, { cause: error });
  }
  const secrets: LocalSecrets = {
    postgresPassword: stored.postgresPassword ?? randomBytes(18).toString('base64url'),
    jwtSecret: stored.jwtSecret ?? randomBytes(48).toString('base64url'),
    credentialsKey: stored.credentialsKey ?? randomBytes(32).toString('base64'),
    s3SecretAccessKey: stored.s3SecretAccessKey ?? randomBytes(30).toString('base64url'),
  };
  if (JSON.stringify(stored) !== JSON.stringify(secrets)) {
    await fs.mkdir(dataDir, { recursive: true });
    await fs.writeFile(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  }
  return secrets;
}
