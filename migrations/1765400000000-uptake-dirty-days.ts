import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The uptake rollup learns which days to recompute from the orders themselves: a trigger marks the
 * Vietnam day of every order written, in the writing transaction, so a day is never missed and
 * never recomputed for nothing. (The watermark on orders.updated_at it replaces had to re-read a
 * safety margin of recent changes on every report — seconds at 100 000 orders.)
 */
export class UptakeDirtyDays1765400000000 implements MigrationInterface {
  name = 'UptakeDirtyDays1765400000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE uptake_dirty_days (day date PRIMARY KEY)`);
    await db.query(`
      CREATE FUNCTION uptake_mark_order_day() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP IN ('INSERT', 'UPDATE') THEN
          INSERT INTO uptake_dirty_days (day) VALUES ((NEW.created_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date) ON CONFLICT DO NOTHING;
        END IF;
        IF TG_OP = 'DELETE' THEN
          INSERT INTO uptake_dirty_days (day) VALUES ((OLD.created_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date) ON CONFLICT DO NOTHING;
        ELSIF TG_OP = 'UPDATE' THEN
          IF OLD.created_at IS DISTINCT FROM NEW.created_at THEN
            INSERT INTO uptake_dirty_days (day) VALUES ((OLD.created_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date) ON CONFLICT DO NOTHING;
          END IF;
        END IF;
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE TRIGGER orders_uptake_day AFTER INSERT OR DELETE OR UPDATE OF status, items_total, created_at, cooperative_id, channel ON orders
        FOR EACH ROW EXECUTE FUNCTION uptake_mark_order_day()`);
    await db.query(`INSERT INTO uptake_dirty_days (day) SELECT DISTINCT (created_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date FROM orders ON CONFLICT DO NOTHING`);
    // Per-cooperative reads of the rollup (localities, "with sales in the period") go by cooperative first.
    await db.query(`CREATE INDEX uptake_order_days_cooperative_idx ON uptake_order_days (cooperative_id, day)`);
    await db.query(`DROP TABLE uptake_rollup_state`);
    await db.query(`DROP INDEX orders_updated_idx`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`CREATE INDEX orders_updated_idx ON orders (updated_at)`);
    await db.query(`CREATE TABLE uptake_rollup_state (id int PRIMARY KEY CHECK (id = 1), watermark timestamptz NOT NULL)`);
    await db.query(`INSERT INTO uptake_rollup_state (id, watermark) VALUES (1, '-infinity')`);
    await db.query(`DROP INDEX uptake_order_days_cooperative_idx`);
    await db.query(`DROP TRIGGER orders_uptake_day ON orders`);
    await db.query(`DROP FUNCTION uptake_mark_order_day()`);
    await db.query(`DROP TABLE uptake_dirty_days`);
  }
}
