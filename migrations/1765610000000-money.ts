import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Money that adds up (issue #22): the collector's people (`finance`), the transfer reference a
 * confirmation was made with, refunds and their reversal in the payouts ledger, and imported bank
 * statements whose lines are matched to checkouts once each.
 */
export class Money1765610000000 implements MigrationInterface {
  name = 'Money1765610000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE users DROP CONSTRAINT users_roles_check`);
    await db.query(
      `ALTER TABLE users ADD CONSTRAINT users_roles_check CHECK (roles <@ ARRAY['buyer','coop_member','coop_admin','official','admin','finance']::text[])`,
    );

    // The bank's reference of the transfer the collector saw (typed in, or the statement line's).
    await db.query(`ALTER TABLE payments ADD COLUMN received_reference text`);

    await db.query(`
      CREATE TABLE refunds (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        order_id uuid NOT NULL REFERENCES orders(id),
        checkout_id uuid NOT NULL REFERENCES checkouts(id),
        cooperative_id uuid NOT NULL REFERENCES cooperatives(id),
        -- cancellation: a paid order cancelled; unpaid_order: money arrived for an order already cancelled.
        cause text NOT NULL CHECK (cause IN ('cancellation','unpaid_order')),
        amount bigint NOT NULL CHECK (amount > 0),
        method text NOT NULL CHECK (method IN ('card','bank')),
        status text NOT NULL CHECK (status IN ('pending','refunded')),
        -- Stripe's refund id, or the bank transfer's reference.
        reference text,
        refunded_at timestamptz,
        refunded_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT refunds_once_per_cause UNIQUE (order_id, cause)
      )`);
    await db.query(`CREATE INDEX refunds_checkout_idx ON refunds (checkout_id)`);
    await db.query(`CREATE INDEX refunds_pending_idx ON refunds (created_at, id) WHERE status = 'pending'`);

    // A refund reverses what its order earned; each refund once.
    await db.query(`ALTER TABLE payout_ledger ADD COLUMN refund_id uuid REFERENCES refunds(id)`);
    await db.query(`ALTER TABLE payout_ledger DROP CONSTRAINT payout_ledger_kind_check`);
    await db.query(`ALTER TABLE payout_ledger ADD CONSTRAINT payout_ledger_kind_check CHECK (kind IN ('order_earning','commission_due','payout','refund'))`);
    await db.query(`ALTER TABLE payout_ledger ADD CONSTRAINT payout_ledger_refund_once UNIQUE (refund_id, kind)`);
    // An order earns (or owes commission) once; it may be refunded in parts (each refund once).
    await db.query(`ALTER TABLE payout_ledger DROP CONSTRAINT payout_ledger_order_once`);
    await db.query(`CREATE UNIQUE INDEX payout_ledger_order_once ON payout_ledger (order_id, kind) WHERE refund_id IS NULL`);

    await db.query(`
      CREATE TABLE bank_statements (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        job_id uuid NOT NULL REFERENCES jobs(id),
        file_name text NOT NULL,
        storage_key text NOT NULL,
        uploaded_by uuid NOT NULL REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE TABLE bank_statement_lines (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        statement_id uuid NOT NULL REFERENCES bank_statements(id) ON DELETE CASCADE,
        row int NOT NULL,
        booked_on date NOT NULL,
        amount bigint NOT NULL CHECK (amount > 0),
        description text NOT NULL,
        bank_reference text,
        -- sha256 of date, amount, description and bank reference: the same bank line in any file.
        fingerprint text NOT NULL,
        status text NOT NULL CHECK (status IN ('matched','short','over','unmatched','duplicate')),
        checkout_id uuid REFERENCES checkouts(id),
        -- What the checkout wanted when the line was read (short and over say by how much).
        amount_due bigint,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT bank_statement_lines_row UNIQUE (statement_id, row)
      )`);
    await db.query(`CREATE UNIQUE INDEX bank_statement_lines_once ON bank_statement_lines (fingerprint) WHERE status <> 'duplicate'`);
    await db.query(`CREATE INDEX bank_statement_lines_checkout_idx ON bank_statement_lines (checkout_id) WHERE checkout_id IS NOT NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE bank_statement_lines`);
    await db.query(`DROP TABLE bank_statements`);
    await db.query(`DROP INDEX payout_ledger_order_once`);
    await db.query(`ALTER TABLE payout_ledger ADD CONSTRAINT payout_ledger_order_once UNIQUE (order_id, kind)`);
    await db.query(`ALTER TABLE payout_ledger DROP CONSTRAINT payout_ledger_refund_once`);
    await db.query(`ALTER TABLE payout_ledger DROP CONSTRAINT payout_ledger_kind_check`);
    await db.query(`ALTER TABLE payout_ledger ADD CONSTRAINT payout_ledger_kind_check CHECK (kind IN ('order_earning','commission_due','payout'))`);
    await db.query(`ALTER TABLE payout_ledger DROP COLUMN refund_id`);
    await db.query(`DROP TABLE refunds`);
    await db.query(`ALTER TABLE payments DROP COLUMN received_reference`);
    await db.query(`ALTER TABLE users DROP CONSTRAINT users_roles_check`);
    await db.query(`ALTER TABLE users ADD CONSTRAINT users_roles_check CHECK (roles <@ ARRAY['buyer','coop_member','coop_admin','official','admin']::text[])`);
  }
}
