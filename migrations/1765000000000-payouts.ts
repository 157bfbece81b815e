import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the platform owes each cooperative and what it paid out. Signed amounts in đồng:
 * positive = owed to the cooperative, negative = paid out or owed to the platform.
 */
export class Payouts1765000000000 implements MigrationInterface {
  name = 'Payouts1765000000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE payout_ledger (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        cooperative_id uuid NOT NULL REFERENCES cooperatives(id),
        kind text NOT NULL CHECK (kind IN ('order_earning','commission_due','payout')),
        order_id uuid REFERENCES orders(id),
        amount bigint NOT NULL CHECK (amount <> 0),
        reference text,
        recorded_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT payout_ledger_order_once UNIQUE (order_id, kind)
      )`);
    await db.query(`CREATE INDEX payout_ledger_cooperative_idx ON payout_ledger (cooperative_id, created_at DESC, id DESC)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE payout_ledger`);
  }
}
