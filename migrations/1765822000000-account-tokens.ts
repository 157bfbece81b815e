import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Single-use tokens of password reset and e-mail verification, stored as their SHA-256 (the link
 * in the e-mail is the only copy of the token), and when an account's e-mail was verified.
 * Accounts made before this are unverified: they can ask for the e-mail again.
 */
export class AccountTokens1765822000000 implements MigrationInterface {
  name = 'AccountTokens1765822000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE users ADD COLUMN email_verified_at timestamptz`);
    await db.query(`
      CREATE TABLE account_tokens (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        purpose text NOT NULL CHECK (purpose IN ('password_reset', 'email_verification')),
        token_hash text NOT NULL UNIQUE,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX account_tokens_user_idx ON account_tokens (user_id, purpose, created_at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE account_tokens`);
    await db.query(`ALTER TABLE users DROP COLUMN email_verified_at`);
  }
}
