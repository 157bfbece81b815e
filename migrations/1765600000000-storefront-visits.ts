import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Storefront visits for the Ministry's report (soLuongTruyCap), counted without tracking anyone:
 * one counter per Vietnam day. To cap abuse cheaply across API replicas, each day has a random
 * salt, and a visitor is only the SHA-256 of salt + IP address with a per-day count; yesterday's
 * salts and visitor rows are deleted, after which no hash can be tied to an address again. No IP,
 * cookie, user id or user agent is stored.
 */
export class StorefrontVisits1765600000000 implements MigrationInterface {
  name = 'StorefrontVisits1765600000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE storefront_visit_days (day date PRIMARY KEY, visits bigint NOT NULL CHECK (visits >= 0))`);
    await db.query(`CREATE TABLE storefront_visit_salts (day date PRIMARY KEY, salt bytea NOT NULL)`);
    await db.query(`CREATE TABLE storefront_visitor_days (day date NOT NULL, visitor bytea NOT NULL, visits int NOT NULL, PRIMARY KEY (day, visitor))`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE storefront_visitor_days`);
    await db.query(`DROP TABLE storefront_visit_salts`);
    await db.query(`DROP TABLE storefront_visit_days`);
  }
}
