// Plain ESM on purpose: Jest loads global setup outside its module system (no path aliases, no
// TypeScript in ESM mode), so this file uses the build that `npm test` makes first.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { installQueueSchema, runMigrations } from '../../dist/libs/core/src/index.js';
import { EmbeddedPostgres } from '../../dist/libs/runtime/src/index.js';
import { migrations } from '../../dist/migrations/index.js';

/**
 * One PostgreSQL for the whole run — the embedded one on a free port, or DATABASE_URL's server —
 * migrated once into a template database. Each test file clones its own database from it
 * (test/harness/database.ts). The names travel to the test files through the environment.
 */
export default async function globalSetup() {
  // The SDK's notice that it will need Node 22 from 2027 is for operators (npm start shows it), not test output.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  let adminUrl = process.env.DATABASE_URL;
  let server;
  let dir;
  if (!adminUrl) {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'nongsan-test-pg-'));
    await fs.chmod(dir, 0o755);
    server = new EmbeddedPostgres({ dataDir: path.join(dir, 'data'), port: 0, password: 'test' });
    await server.start();
    adminUrl = server.url;
  }
  const template = `nongsan_tpl_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${template}`);
  await admin.end();
  const templateUrl = new URL(adminUrl);
  templateUrl.pathname = `/${template}`;
  await runMigrations(templateUrl.toString(), migrations);
  await installQueueSchema(templateUrl.toString());

  process.env.NONGSAN_TEST_ADMIN_URL = adminUrl;
  process.env.NONGSAN_TEST_TEMPLATE = template;
  globalThis.__NONGSAN_PG__ = { server, dir, adminUrl, template };
}
