import fs from 'node:fs/promises';
import pg from 'pg';

export default async function globalTeardown() {
  const state = globalThis.__NONGSAN_PG__;
  if (!state) return;
  const admin = new pg.Client({ connectionString: state.adminUrl });
  await admin.connect();
  // Each file drops its own database; whatever a crashed file left is dropped here with the template.
  const { rows } = await admin.query(`SELECT datname FROM pg_database WHERE datname = $1 OR datname LIKE $2`, [state.template, `${state.template}\\_f%`]);
  for (const { datname } of rows) await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  await admin.end();
  await state.server?.stop();
  if (state.dir) await fs.rm(state.dir, { recursive: true, force: true });
}
