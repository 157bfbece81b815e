import type { DataSource } from 'typeorm';

/**
 * Tables a refused request may legitimately write: a failed sign-in and a registration attempt
 * (an e-mail already taken included) are counted (that is the throttle); a ward looked up in a
 * carrier's public address list and a fee asked of a carrier are kept as caches whatever the
 * request then comes to. Nothing else.
 */
export const WRITES_ALLOWED_ON_REFUSAL = new Set(['login_failures', 'registration_attempts', 'carrier_places', 'carrier_quotes']);

/**
 * A digest of every row of every table of the application and of the queue's jobs. Equal before and
 * after a batch of requests means they changed nothing that is stored. Only meaningful while no
 * worker runs (the tests start the app with RUN_WORKER=false).
 */
export async function fingerprint(db: DataSource, except: ReadonlySet<string> = WRITES_ALLOWED_ON_REFUSAL): Promise<Record<string, string>> {
  const tables = await db.query<Array<{ schema: string; name: string }>>(
    `SELECT table_schema AS schema, table_name AS name FROM information_schema.tables
      WHERE table_type = 'BASE TABLE' AND (table_schema = 'public' OR (table_schema = 'pgboss' AND table_name = 'job'))
      ORDER BY 1, 2`,
  );
  const digests: Record<string, string> = {};
  const parts = tables
    .filter((t) => !except.has(t.name))
    .map(
      (t) =>
        `SELECT '${t.schema}.${t.name}' AS name, (SELECT md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) FROM "${t.schema}"."${t.name}" x) AS digest`,
    );
  for (const row of await db.query<Array<{ name: string; digest: string }>>(parts.join(' UNION ALL '))) digests[row.name] = row.digest;
  return digests;
}

/** The tables whose digest differs. */
export function changedTables(before: Record<string, string>, after: Record<string, string>): string[] {
  return Object.keys({ ...before, ...after }).filter((name) => before[name] !== after[name]);
}

/**
 * Counts writes as they commit: an AFTER trigger on every application table appends one row per
 * statement to `reliability_writes`. A rolled-back write leaves nothing, so "no row written by a
 * rejected request" is "the count did not move". Installed in the test's own database only.
 */
export async function installWriteCounter(db: DataSource): Promise<() => Promise<Array<{ table: string; op: string }>>> {
  await db.query(`CREATE TABLE IF NOT EXISTS reliability_writes (id bigserial PRIMARY KEY, table_name text NOT NULL, op text NOT NULL)`);
  await db.query(`CREATE OR REPLACE FUNCTION reliability_count_write() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN INSERT INTO reliability_writes (table_name, op) VALUES (TG_TABLE_NAME, TG_OP); RETURN NULL; END $$`);
  const tables = await db.query<Array<{ name: string }>>(
    `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'reliability_writes'`,
  );
  for (const { name } of tables) {
    await db.query(
      `CREATE OR REPLACE TRIGGER reliability_count_write AFTER INSERT OR UPDATE OR DELETE ON "${name}" FOR EACH ROW EXECUTE FUNCTION reliability_count_write()`,
    );
  }
  await db.query(
    `CREATE OR REPLACE TRIGGER reliability_count_write AFTER INSERT OR UPDATE OR DELETE ON pgboss.job FOR EACH ROW EXECUTE FUNCTION reliability_count_write()`,
  );
  let seen = 0;
  /** The writes committed since the last call. */
  return async () => {
    const rows = await db.query<Array<{ id: string; table_name: string; op: string }>>(
      `SELECT id, table_name, op FROM reliability_writes WHERE id > $1 ORDER BY id`,
      [seen],
    );
    if (rows.length > 0) seen = Number(rows[rows.length - 1].id);
    return rows.map((r) => ({ table: r.table_name, op: r.op }));
  };
}
