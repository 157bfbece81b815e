import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A buyer's request to send back some lines of a delivered order, the cooperative's answer, an official's when escalated, and the refund it ends in. */
export class Returns1765640000000 implements MigrationInterface {
  name = 'Returns1765640000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE order_returns (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        order_id uuid NOT NULL REFERENCES orders(id),
        cooperative_id uuid NOT NULL REFERENCES cooperatives(id),
        buyer_id uuid NOT NULL REFERENCES users(id),
        status text NOT NULL CHECK (status IN ('requested','accepted','refused','escalated')),
        -- [{variantId, sku, productName, variantName, unitPrice, quantity, lineTotal}] as bought.
        lines jsonb NOT NULL,
        amount bigint NOT NULL CHECK (amount > 0),
        reason text NOT NULL,
        decision_reason text,
        decided_by uuid REFERENCES users(id),
        decided_at timestamptz,
        escalation_note text,
        escalated_at timestamptz,
        goods_returned boolean,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX order_returns_order_idx ON order_returns (order_id)`);
    await db.query(`CREATE INDEX order_returns_cooperative_idx ON order_returns (cooperative_id, created_at DESC, id DESC)`);
    await db.query(`CREATE INDEX order_returns_escalated_idx ON order_returns (escalated_at, id) WHERE status = 'escalated'`);

    // An order may be returned in parts: one refund per return, cancellations still once per order.
    await db.query(`ALTER TABLE refunds ADD COLUMN return_id uuid UNIQUE REFERENCES order_returns(id)`);
    await db.query(`ALTER TABLE refunds DROP CONSTRAINT refunds_once_per_cause`);
    await db.query(`CREATE UNIQUE INDEX refunds_once_per_cause ON refunds (order_id, cause) WHERE cause <> 'return'`);
    await db.query(`ALTER TABLE refunds DROP CONSTRAINT refunds_cause_check`);
    await db.query(
      `ALTER TABLE refunds ADD CONSTRAINT refunds_cause_check CHECK (cause IN ('cancellation','unpaid_order','return') AND (cause = 'return') = (return_id IS NOT NULL))`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE refunds DROP CONSTRAINT refunds_cause_check`);
    await db.query(`ALTER TABLE refunds ADD CONSTRAINT refunds_cause_check CHECK (cause IN ('cancellation','unpaid_order'))`);
    await db.query(`DROP INDEX refunds_once_per_cause`);
    await db.query(`ALTER TABLE refunds ADD CONSTRAINT refunds_once_per_cause UNIQUE (order_id, cause)`);
    await db.query(`ALTER TABLE refunds DROP COLUMN return_id`);
    await db.query(`DROP TABLE order_returns`);
  }
}
