import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { ENV_ADMIN_URL, ENV_TEMPLATE } from './env.js';

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

function adminClient(): pg.Client {
  const url = process.env[ENV_ADMIN_URL];
  if (!url) throw new Error('test database server not set up: run the tests through `npm test`');
  return new pg.Client({ connectionString: url });
}

/** A fresh database cloned from the migrated template: fast, and isolated from every other file. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const template = process.env[ENV_TEMPLATE]!;
  const name = `${template}_f${randomBytes(5).toString('hex')}`;
  const admin = adminClient();
  await admin.connect();
  try {
    // Two files cloning at the same instant can collide on the template's lock: retry briefly.
    for (let attempt = 0; ; attempt++) {
      try {
        await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
        break;
      } catch (error) {
        if (attempt >= 20 || !/being accessed by other users/.test((error as Error).message)) throw error;
        await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
      }
    }
  } finally {
    await admin.end();
  }
  const url = new URL(process.env[ENV_ADMIN_URL]!);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = adminClient();
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}
