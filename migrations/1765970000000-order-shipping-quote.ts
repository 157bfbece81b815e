import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What a checkout charged for shipping, beside the fee it already stored: the carrier that quoted
 * it (null for the flat table), the delivery date it promised, and whether the flat table stood
 * in for carriers that failed, so the order shows the buyer what they were told at checkout.
 */
export class OrderShippingQuote1765970000000 implements MigrationInterface {
  name = 'OrderShippingQuote1765970000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE orders
        ADD COLUMN shipping_carrier text,
        ADD COLUMN shipping_estimated_delivery_date date,
        ADD COLUMN shipping_fallback boolean NOT NULL DEFAULT false`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE orders DROP COLUMN shipping_carrier, DROP COLUMN shipping_estimated_delivery_date, DROP COLUMN shipping_fallback`);
  }
}
