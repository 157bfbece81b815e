import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Uptake reporting: orders rolled up per Vietnam day, cooperative and channel, kept
 * current incrementally from orders.updated_at; each cooperative's locality (new ward and former
 * district) and the dates it reached each onboarding step, as views over the owning tables.
 */
export class Uptake1765300000000 implements MigrationInterface {
  name = 'Uptake1765300000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE INDEX orders_updated_idx ON orders (updated_at)`);
    await db.query(`CREATE INDEX orders_created_idx ON orders (created_at)`);
    await db.query(`
      CREATE TABLE uptake_order_days (
        day date NOT NULL,
        cooperative_id uuid NOT NULL REFERENCES cooperatives(id),
        channel text NOT NULL,
        orders int NOT NULL,
        gmv bigint NOT NULL,
        PRIMARY KEY (day, cooperative_id, channel)
      )`);
    await db.query(`CREATE TABLE uptake_rollup_state (id int PRIMARY KEY CHECK (id = 1), watermark timestamptz NOT NULL)`);
    await db.query(`INSERT INTO uptake_rollup_state (id, watermark) VALUES (1, '-infinity')`);
    // A cooperative counts in the former district of the commune it gave, else of its new ward
    // (the lowest code when a ward spans two former districts), so totals never count it twice.
    await db.query(`
      CREATE VIEW cooperative_localities AS
        SELECT c.id AS cooperative_id, c.ward_code,
               coalesce(fc.former_district_code, (SELECT min(d) FROM unnest(w.former_district_codes) d)) AS former_district_code
          FROM cooperatives c JOIN wards w ON w.code = c.ward_code LEFT JOIN former_communes fc ON fc.code = c.former_commune_code`);
    await db.query(`
      CREATE VIEW cooperative_milestones AS
        SELECT c.id AS cooperative_id,
               c.created_at AS registered_at,
               (SELECT min(s.created_at) FROM cooperative_status_changes s WHERE s.cooperative_id = c.id AND s.to_status = 'submitted') AS submitted_at,
               (SELECT min(s.created_at) FROM cooperative_status_changes s WHERE s.cooperative_id = c.id AND s.to_status = 'approved') AS approved_at,
               (SELECT min(p.published_at) FROM products p WHERE p.cooperative_id = c.id) AS first_product_at,
               (SELECT min(k.created_at) FROM channel_connections k WHERE k.cooperative_id = c.id) AS first_channel_at,
               (SELECT min(o.created_at) FROM orders o WHERE o.cooperative_id = c.id AND o.status NOT IN ('pending_payment','cancelled','refunded')) AS first_order_at
          FROM cooperatives c`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP VIEW cooperative_milestones`);
    await db.query(`DROP VIEW cooperative_localities`);
    await db.query(`DROP TABLE uptake_rollup_state`);
    await db.query(`DROP TABLE uptake_order_days`);
    await db.query(`DROP INDEX orders_created_idx`);
    await db.query(`DROP INDEX orders_updated_idx`);
  }
}
