import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Card payments through Stripe: the intent's client secret, and every webhook event stored once. */
export class CardPayments1764900000000 implements MigrationInterface {
  name = 'CardPayments1764900000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE payments ADD COLUMN client_secret text`);
    await db.query(`CREATE UNIQUE INDEX payments_provider_reference_idx ON payments (provider, provider_reference) WHERE provider_reference IS NOT NULL`);
    await db.query(`
      CREATE TABLE payment_events (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        provider text NOT NULL,
        event_id text NOT NULL,
        type text NOT NULL,
        payload jsonb NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        applied boolean NOT NULL,
        CONSTRAINT payment_events_once UNIQUE (provider, event_id)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE payment_events`);
    await db.query(`DROP INDEX payments_provider_reference_idx`);
    await db.query(`ALTER TABLE payments DROP COLUMN client_secret`);
  }
}
