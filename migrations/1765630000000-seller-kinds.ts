import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sellers of three kinds (cooperative, household business, enterprise) with their papers, and the
 * tax a platform with a payment function withholds on household sellers' orders (Decree
 * 117/2025/NĐ-CP), written to the payouts ledger with the revenue it was computed on.
 */
export class SellerKinds1765630000000 implements MigrationInterface {
  name = 'SellerKinds1765630000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `ALTER TABLE cooperatives ADD COLUMN kind text NOT NULL DEFAULT 'cooperative' CHECK (kind IN ('cooperative','household_business','enterprise'))`,
    );
    // Since 1 July 2025 a household business is identified by its owner's 12-digit personal id number.
    await db.query(`ALTER TABLE cooperatives DROP CONSTRAINT cooperatives_tax_code_format`);
    await db.query(
      `ALTER TABLE cooperatives ADD CONSTRAINT cooperatives_tax_code_format CHECK (tax_code ~ '^\\d{10}(-\\d{3})?$' OR (kind = 'household_business' AND tax_code ~ '^\\d{12}$'))`,
    );
    await db.query(`ALTER TABLE cooperative_documents DROP CONSTRAINT cooperative_documents_kind_check`);
    await db.query(
      `ALTER TABLE cooperative_documents ADD CONSTRAINT cooperative_documents_kind_check CHECK (kind IN ('business_registration','identity_card','ocop_certificate','vietgap_certificate','organic_certificate','other'))`,
    );
    await db.query(`ALTER TABLE payout_ledger ADD COLUMN tax_base bigint`);
    await db.query(`ALTER TABLE payout_ledger DROP CONSTRAINT payout_ledger_kind_check`);
    await db.query(
      `ALTER TABLE payout_ledger ADD CONSTRAINT payout_ledger_kind_check CHECK (kind IN ('order_earning','commission_due','payout','refund','vat_withheld','pit_withheld'))`,
    );
    await db.query(
      `ALTER TABLE payout_ledger ADD CONSTRAINT payout_ledger_tax_base CHECK ((kind IN ('vat_withheld','pit_withheld')) = (tax_base IS NOT NULL))`,
    );
    await db.query(`CREATE INDEX payout_ledger_tax_idx ON payout_ledger (created_at) WHERE kind IN ('vat_withheld','pit_withheld')`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX payout_ledger_tax_idx`);
    await db.query(`ALTER TABLE payout_ledger DROP CONSTRAINT payout_ledger_tax_base`);
    await db.query(`ALTER TABLE payout_ledger DROP CONSTRAINT payout_ledger_kind_check`);
    await db.query(`ALTER TABLE payout_ledger ADD CONSTRAINT payout_ledger_kind_check CHECK (kind IN ('order_earning','commission_due','payout','refund'))`);
    await db.query(`ALTER TABLE payout_ledger DROP COLUMN tax_base`);
    await db.query(`ALTER TABLE cooperative_documents DROP CONSTRAINT cooperative_documents_kind_check`);
    await db.query(
      `ALTER TABLE cooperative_documents ADD CONSTRAINT cooperative_documents_kind_check CHECK (kind IN ('business_registration','ocop_certificate','vietgap_certificate','organic_certificate','other'))`,
    );
    await db.query(`ALTER TABLE cooperatives DROP CONSTRAINT cooperatives_tax_code_format`);
    await db.query(`ALTER TABLE cooperatives ADD CONSTRAINT cooperatives_tax_code_format CHECK (tax_code ~ '^\\d{10}(-\\d{3})?$')`);
    await db.query(`ALTER TABLE cooperatives DROP COLUMN kind`);
  }
}
