import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A day's "changed" mark belongs to the transaction that made it. With one mark per day, an order
 * transaction found the day already marked and added nothing; a report that took that mark and
 * folded the day before the transaction committed missed the order for good (seen in the
 * several-processes test: 39 of 40 orders counted). Now each transaction leaves its own mark,
 * visible only once it commits, so a fold that could not see the order leaves that mark for the next.
 */
export class UptakeMarksPerTransaction1765980000000 implements MigrationInterface {
  name = 'UptakeMarksPerTransaction1765980000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE uptake_dirty_days ADD COLUMN marked_by bigint NOT NULL DEFAULT txid_current()`);
    await db.query(`ALTER TABLE uptake_dirty_days DROP CONSTRAINT uptake_dirty_days_pkey, ADD PRIMARY KEY (day, marked_by)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DELETE FROM uptake_dirty_days d USING uptake_dirty_days e WHERE d.day = e.day AND d.marked_by > e.marked_by`);
    await db.query(`ALTER TABLE uptake_dirty_days DROP CONSTRAINT uptake_dirty_days_pkey, ADD PRIMARY KEY (day)`);
    await db.query(`ALTER TABLE uptake_dirty_days DROP COLUMN marked_by`);
  }
}
