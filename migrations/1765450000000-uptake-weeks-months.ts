import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The uptake rollup by Vietnam week (from Monday) and month too, derived from the daily one. A
 * report reads whole months and weeks where its period has them and days only at its edges, so
 * its cost stops growing with the number of orders once the coarse rows are filled: at 300
 * cooperatives over a year the daily rollup has ~60 000 rows at 100 000 orders and ~280 000 at
 * 1 000 000, the weekly and monthly ones ~15 000 either way (bench/uptake.mjs).
 */
export class UptakeWeeksMonths1765450000000 implements MigrationInterface {
  name = 'UptakeWeeksMonths1765450000000';

  async up(db: QueryRunner): Promise<void> {
    for (const [table, column, start] of [
      ['uptake_order_weeks', 'week', `date_trunc('week', day)::date`],
      ['uptake_order_months', 'month', `date_trunc('month', day)::date`],
    ]) {
      await db.query(`
        CREATE TABLE ${table} (
          ${column} date NOT NULL,
          cooperative_id uuid NOT NULL REFERENCES cooperatives(id),
          channel text NOT NULL,
          orders int NOT NULL,
          gmv bigint NOT NULL,
          PRIMARY KEY (${column}, cooperative_id, channel)
        )`);
      await db.query(`INSERT INTO ${table} (${column}, cooperative_id, channel, orders, gmv)
                      SELECT ${start}, cooperative_id, channel, sum(orders), sum(gmv) FROM uptake_order_days GROUP BY 1, 2, 3`);
    }
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE uptake_order_months`);
    await db.query(`DROP TABLE uptake_order_weeks`);
  }
}
