import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Marketplace channels: a cooperative's connection to a platform, one listing per
 * variant and connection with what was last pushed, the platform's orders stored once by their
 * external id, and a token bucket per connection shared by every worker. Orders gain the channel
 * they came from; a platform's order has no checkout and no buyer account here.
 */
export class Channels1765100000000 implements MigrationInterface {
  name = 'Channels1765100000000';

  async up(db: QueryRunner): Promise<void> {
    // Jobs the system starts (a sync from the command line) have no user behind them.
    await db.query(`ALTER TABLE jobs ALTER COLUMN created_by DROP NOT NULL`);
    await db.query(`ALTER TABLE orders ADD COLUMN channel text NOT NULL DEFAULT 'web'`);
    await db.query(`ALTER TABLE orders ADD COLUMN external_reference text`);
    await db.query(`ALTER TABLE orders ADD COLUMN external_buyer_name text`);
    await db.query(`ALTER TABLE orders ALTER COLUMN checkout_id DROP NOT NULL, ALTER COLUMN buyer_id DROP NOT NULL`);
    await db.query(`ALTER TABLE orders ADD CONSTRAINT orders_origin CHECK (
      (channel = 'web' AND checkout_id IS NOT NULL AND buyer_id IS NOT NULL) OR
      (channel <> 'web' AND checkout_id IS NULL AND buyer_id IS NULL AND external_reference IS NOT NULL))`);
    await db.query(`CREATE INDEX orders_channel_idx ON orders (channel, created_at)`);

    await db.query(`
      CREATE TABLE channel_connections (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        cooperative_id uuid NOT NULL REFERENCES cooperatives(id),
        platform text NOT NULL,
        account text NOT NULL,
        status text NOT NULL CHECK (status IN ('active','needs_attention','disconnected')),
        credentials text NOT NULL,
        settings jsonb NOT NULL DEFAULT '{}',
        shop_name text,
        last_error text,
        orders_synced_until timestamptz,
        orders_polled_at timestamptz,
        created_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        disconnected_at timestamptz
      )`);
    // A shop is connected once, to one cooperative; a cooperative may run several shops on a platform.
    await db.query(`CREATE UNIQUE INDEX channel_connections_one_live ON channel_connections (platform, account) WHERE status <> 'disconnected'`);
    await db.query(`CREATE INDEX channel_connections_cooperative_idx ON channel_connections (cooperative_id)`);

    await db.query(`
      CREATE TABLE channel_listings (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        connection_id uuid NOT NULL REFERENCES channel_connections(id),
        cooperative_id uuid NOT NULL REFERENCES cooperatives(id),
        variant_id uuid NOT NULL REFERENCES variants(id),
        product_id uuid NOT NULL REFERENCES products(id),
        sku text NOT NULL,
        external_id text,
        status text NOT NULL CHECK (status IN ('pending','synced','failed','delisted')),
        desired_hash text,
        synced_hash text,
        synced_state jsonb,
        image_ids jsonb NOT NULL DEFAULT '{}',
        create_attempted_at timestamptz,
        attempts int NOT NULL DEFAULT 0,
        last_error text,
        last_error_code text,
        dead_lettered_at timestamptz,
        sync_run_id uuid,
        last_synced_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT channel_listings_once UNIQUE (connection_id, variant_id)
      )`);
    await db.query(`CREATE INDEX channel_listings_status_idx ON channel_listings (connection_id, status, id)`);
    await db.query(`CREATE INDEX channel_listings_variant_idx ON channel_listings (variant_id)`);
    await db.query(`CREATE INDEX channel_listings_product_idx ON channel_listings (product_id)`);
    await db.query(`CREATE INDEX channel_listings_run_idx ON channel_listings (sync_run_id) WHERE sync_run_id IS NOT NULL`);

    await db.query(`
      CREATE TABLE channel_orders (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        connection_id uuid NOT NULL REFERENCES channel_connections(id),
        cooperative_id uuid NOT NULL REFERENCES cooperatives(id),
        external_id text NOT NULL,
        platform_status text NOT NULL,
        status text NOT NULL CHECK (status IN ('awaiting_payment','imported','needs_attention','cancelled','completed')),
        order_id uuid REFERENCES orders(id),
        problem text,
        snapshot jsonb NOT NULL,
        external_created_at timestamptz NOT NULL,
        external_updated_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT channel_orders_once UNIQUE (connection_id, external_id)
      )`);
    await db.query(`CREATE INDEX channel_orders_cooperative_idx ON channel_orders (cooperative_id, status, created_at DESC)`);

    await db.query(`
      CREATE TABLE channel_rate_buckets (
        connection_id uuid PRIMARY KEY REFERENCES channel_connections(id),
        tokens double precision NOT NULL,
        refilled_at timestamptz NOT NULL
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE channel_rate_buckets`);
    await db.query(`DROP TABLE channel_orders`);
    await db.query(`DROP TABLE channel_listings`);
    await db.query(`DROP TABLE channel_connections`);
    await db.query(`ALTER TABLE orders DROP CONSTRAINT orders_origin`);
    await db.query(`DELETE FROM orders WHERE channel <> 'web'`);
    await db.query(`ALTER TABLE orders ALTER COLUMN checkout_id SET NOT NULL, ALTER COLUMN buyer_id SET NOT NULL`);
    await db.query(`ALTER TABLE orders DROP COLUMN external_buyer_name, DROP COLUMN external_reference, DROP COLUMN channel`);
  }
}
