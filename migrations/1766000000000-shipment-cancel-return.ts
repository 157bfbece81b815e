import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Cancelling and returning parcels. An order may end `returned` (the carrier brought the parcel
 * back undelivered). A shipment records when a call to its carrier started (`carrier_call_at`),
 * so that a booking and a cancellation never talk to the carrier about one parcel at the same time.
 */
export class ShipmentCancelReturn1766000000000 implements MigrationInterface {
  name = 'ShipmentCancelReturn1766000000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE orders DROP CONSTRAINT orders_status_check`);
    await db.query(
      `ALTER TABLE orders ADD CONSTRAINT orders_status_check CHECK (status IN ('pending_payment','placed','paid','confirmed','packed','shipped','delivered','completed','cancelled','refunded','returned'))`,
    );
    await db.query(`ALTER TABLE shipments ADD COLUMN carrier_call_at timestamptz`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE shipments DROP COLUMN carrier_call_at`);
    await db.query(`ALTER TABLE orders DROP CONSTRAINT orders_status_check`);
    await db.query(
      `ALTER TABLE orders ADD CONSTRAINT orders_status_check CHECK (status IN ('pending_payment','placed','paid','confirmed','packed','shipped','delivered','completed','cancelled','refunded'))`,
    );
  }
}
