import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * OCOP claims are verified by an official against the certificate before they earn the badge or
 * count in the catalog's filter and the Department's figures (issue #21). A claim is `pending`
 * until an official verifies or rejects it (with a reason); an edit of the claim by the cooperative
 * sends it back to `pending`.
 *
 * Every claim already stored is marked `verified`: they are all the seeded demo catalog's or ones
 * admitted before verification existed, so the storefront and the reports stay as they were. No
 * official is named for them (verified_by and verified_at stay empty).
 */
export class OcopVerification1765550000000 implements MigrationInterface {
  name = 'OcopVerification1765550000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE products
        ADD COLUMN ocop_status text CHECK (ocop_status IN ('pending', 'verified', 'rejected')),
        ADD COLUMN ocop_verified_by uuid REFERENCES users(id) ON DELETE SET NULL,
        ADD COLUMN ocop_verified_at timestamptz,
        ADD COLUMN ocop_rejection_reason text`);
    await db.query(`UPDATE products SET ocop_status = 'verified' WHERE ocop_stars IS NOT NULL`);
    await db.query(`
      ALTER TABLE products
        ADD CONSTRAINT products_ocop_status_present CHECK ((ocop_stars IS NULL) = (ocop_status IS NULL)),
        ADD CONSTRAINT products_ocop_rejection_reason CHECK ((ocop_status = 'rejected') = (ocop_rejection_reason IS NOT NULL))`);
    // The storefront's "at least N stars" filter reads only verified claims of products on sale.
    await db.query(`CREATE INDEX products_ocop_verified_idx ON products (ocop_stars, ocop_expires_at) WHERE status = 'active' AND ocop_status = 'verified'`);
    // The Department's queue of claims by status, oldest product first.
    await db.query(`CREATE INDEX products_ocop_claims_idx ON products (ocop_status, created_at, id) WHERE ocop_status IS NOT NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX products_ocop_claims_idx`);
    await db.query(`DROP INDEX products_ocop_verified_idx`);
    await db.query(`
      ALTER TABLE products
        DROP CONSTRAINT products_ocop_rejection_reason,
        DROP CONSTRAINT products_ocop_status_present,
        DROP COLUMN ocop_rejection_reason,
        DROP COLUMN ocop_verified_at,
        DROP COLUMN ocop_verified_by,
        DROP COLUMN ocop_status`);
  }
}
