import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Registrations per client address, for REGISTRATIONS_PER_IP_PER_HOUR: in PostgreSQL so every API
 * replica counts the same. Rows older than the hour are deleted as new ones come.
 */
export class RegistrationAttempts1765700000000 implements MigrationInterface {
  name = 'RegistrationAttempts1765700000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE registration_attempts (id bigserial PRIMARY KEY, ip text NOT NULL, created_at timestamptz NOT NULL DEFAULT now())`);
    await db.query(`CREATE INDEX registration_attempts_ip_idx ON registration_attempts (ip, created_at)`);
    await db.query(`CREATE INDEX registration_attempts_created_idx ON registration_attempts (created_at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE registration_attempts`);
  }
}
