import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Progress of long-running work (spreadsheet import, bulk sync, exports) that users poll. */
export class Jobs1764700000000 implements MigrationInterface {
  name = 'Jobs1764700000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE jobs (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind text NOT NULL,
        cooperative_id uuid REFERENCES cooperatives(id) ON DELETE CASCADE,
        created_by uuid NOT NULL REFERENCES users(id),
        status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued','running','completed','failed')),
        total int NOT NULL DEFAULT 0 CHECK (total >= 0),
        done int NOT NULL DEFAULT 0 CHECK (done >= 0),
        failed int NOT NULL DEFAULT 0 CHECK (failed >= 0),
        errors jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(errors) = 'array'),
        result jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        started_at timestamptz,
        finished_at timestamptz
      )`);
    await db.query(`CREATE INDEX jobs_cooperative_idx ON jobs (cooperative_id, created_at DESC)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE jobs`);
  }
}
