import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Delivery with carriers (GHN, GHTK): each cooperative's carrier accounts (the token sealed like
 * channel credentials), our wards as each carrier keys them, fee quotes kept briefly, and one
 * shipment per order with the carrier's status pushes stored once each.
 */
export class Delivery1765960000000 implements MigrationInterface {
  name = 'Delivery1765960000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE carrier_accounts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        cooperative_id uuid NOT NULL REFERENCES cooperatives(id) ON DELETE CASCADE,
        carrier text NOT NULL,
        secrets text NOT NULL,
        token_hint text NOT NULL,
        shop_id text,
        pickup_ward_code text NOT NULL REFERENCES wards(code),
        pickup_address_line text NOT NULL,
        chosen boolean NOT NULL DEFAULT false,
        updated_by uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT carrier_accounts_one_per_carrier UNIQUE (cooperative_id, carrier)
      )`);
    await db.query(`CREATE UNIQUE INDEX carrier_accounts_one_chosen ON carrier_accounts (cooperative_id) WHERE chosen`);
    await db.query(`
      CREATE TABLE carrier_places (
        carrier text NOT NULL,
        ward_code text NOT NULL REFERENCES wards(code) ON DELETE CASCADE,
        province_name text,
        district_name text,
        ward_name text,
        district_id integer,
        carrier_ward_code text,
        problem text,
        refreshed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (carrier, ward_code)
      )`);
    await db.query(`
      CREATE TABLE carrier_quotes (
        key text PRIMARY KEY,
        fee bigint NOT NULL,
        estimated_delivery_date date,
        expires_at timestamptz NOT NULL
      )`);
    await db.query(`CREATE INDEX carrier_quotes_expiry ON carrier_quotes (expires_at)`);
    await db.query(`
      CREATE TABLE shipments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        order_id uuid NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
        cooperative_id uuid NOT NULL REFERENCES cooperatives(id) ON DELETE CASCADE,
        account_id uuid NOT NULL REFERENCES carrier_accounts(id),
        carrier text NOT NULL,
        client_order_code text NOT NULL,
        tracking_number text,
        fee bigint,
        status text NOT NULL,
        status_at timestamptz,
        last_error text,
        attempts integer NOT NULL DEFAULT 0,
        cod_expected bigint NOT NULL,
        cod_reported bigint,
        estimated_delivery_date date,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT shipments_one_per_order UNIQUE (order_id),
        CONSTRAINT shipments_client_order_code UNIQUE (client_order_code),
        CONSTRAINT shipments_tracking_number UNIQUE (carrier, tracking_number)
      )`);
    await db.query(`CREATE INDEX shipments_cooperative ON shipments (cooperative_id, created_at DESC)`);
    await db.query(`
      CREATE TABLE shipment_events (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        shipment_id uuid NOT NULL REFERENCES shipments(id) ON DELETE CASCADE,
        carrier_status text NOT NULL,
        status text,
        at timestamptz NOT NULL,
        cod_amount bigint,
        received_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT shipment_events_once UNIQUE (shipment_id, carrier_status, at)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE shipment_events`);
    await db.query(`DROP TABLE shipments`);
    await db.query(`DROP TABLE carrier_quotes`);
    await db.query(`DROP TABLE carrier_places`);
    await db.query(`DROP TABLE carrier_accounts`);
  }
}
