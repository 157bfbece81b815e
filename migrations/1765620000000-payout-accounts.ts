import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The bank account each cooperative is paid into, by the bank's NAPAS/VietQR BIN. */
export class PayoutAccounts1765620000000 implements MigrationInterface {
  name = 'PayoutAccounts1765620000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE cooperatives
        ADD COLUMN payout_bank_bin text CHECK (payout_bank_bin ~ '^\\d{6}$'),
        ADD COLUMN payout_account_number text CHECK (payout_account_number ~ '^[0-9A-Z]{6,19}$'),
        ADD COLUMN payout_account_name text,
        ADD COLUMN payout_account_updated_at timestamptz,
        ADD CONSTRAINT cooperatives_payout_account_whole CHECK (
          (payout_bank_bin IS NULL) = (payout_account_number IS NULL) AND (payout_bank_bin IS NULL) = (payout_account_name IS NULL))`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE cooperatives DROP CONSTRAINT cooperatives_payout_account_whole,
      DROP COLUMN payout_bank_bin, DROP COLUMN payout_account_number, DROP COLUMN payout_account_name, DROP COLUMN payout_account_updated_at`);
  }
}
