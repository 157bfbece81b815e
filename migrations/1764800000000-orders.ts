import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Checkouts, one order per cooperative, lines priced at order time, stock reservations, payments. */
export class Orders1764800000000 implements MigrationInterface {
  name = 'Orders1764800000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE checkouts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        buyer_id uuid NOT NULL REFERENCES users(id),
        idempotency_key text NOT NULL,
        request_hash text NOT NULL,
        payment_method text NOT NULL CHECK (payment_method IN ('cod','vietqr','card')),
        payment_reference text NOT NULL UNIQUE,
        shipping_address jsonb NOT NULL,
        items_total bigint NOT NULL CHECK (items_total > 0),
        shipping_total bigint NOT NULL CHECK (shipping_total >= 0),
        total bigint NOT NULL CHECK (total = items_total + shipping_total),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT checkouts_idempotency_key UNIQUE (buyer_id, idempotency_key)
      )`);
    await db.query(`CREATE INDEX checkouts_buyer_idx ON checkouts (buyer_id, created_at DESC)`);

    await db.query(`
      CREATE TABLE orders (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        checkout_id uuid NOT NULL REFERENCES checkouts(id),
        cooperative_id uuid NOT NULL REFERENCES cooperatives(id),
        buyer_id uuid NOT NULL REFERENCES users(id),
        status text NOT NULL CHECK (status IN ('pending_payment','placed','paid','confirmed','packed','shipped','delivered','completed','cancelled','refunded')),
        items_total bigint NOT NULL CHECK (items_total > 0),
        shipping_fee bigint NOT NULL CHECK (shipping_fee >= 0),
        total bigint NOT NULL CHECK (total = items_total + shipping_fee),
        weight_grams int NOT NULL,
        carrier text,
        tracking_number text,
        cancel_reason text,
        payment_due_at timestamptz,
        position int NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX orders_checkout_idx ON orders (checkout_id)`);
    await db.query(`CREATE INDEX orders_cooperative_idx ON orders (cooperative_id, created_at DESC)`);
    await db.query(`CREATE INDEX orders_buyer_idx ON orders (buyer_id, created_at DESC)`);
    await db.query(`CREATE INDEX orders_unpaid_idx ON orders (payment_due_at) WHERE status = 'pending_payment'`);

    await db.query(`
      CREATE TABLE order_lines (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        order_id uuid NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
        variant_id uuid NOT NULL REFERENCES variants(id),
        product_id uuid NOT NULL,
        product_name text NOT NULL,
        variant_name text NOT NULL,
        sku text NOT NULL,
        unit_price bigint NOT NULL CHECK (unit_price > 0),
        quantity int NOT NULL CHECK (quantity > 0),
        line_total bigint NOT NULL CHECK (line_total = unit_price * quantity),
        position int NOT NULL
      )`);
    await db.query(`CREATE INDEX order_lines_order_idx ON order_lines (order_id, position)`);

    await db.query(`
      CREATE TABLE stock_reservations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        order_id uuid NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
        variant_id uuid NOT NULL REFERENCES variants(id),
        quantity int NOT NULL CHECK (quantity > 0),
        status text NOT NULL CHECK (status IN ('held','committed','released')),
        created_at timestamptz NOT NULL DEFAULT now(),
        settled_at timestamptz
      )`);
    await db.query(`CREATE INDEX stock_reservations_order_idx ON stock_reservations (order_id)`);

    await db.query(`
      CREATE TABLE order_status_changes (
        id bigserial PRIMARY KEY,
        order_id uuid NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
        from_status text,
        to_status text NOT NULL,
        note text,
        actor_user_id uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX order_status_changes_order_idx ON order_status_changes (order_id, id)`);

    await db.query(`
      CREATE TABLE payments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        checkout_id uuid NOT NULL REFERENCES checkouts(id),
        provider text NOT NULL CHECK (provider IN ('cod','vietqr','card')),
        amount bigint NOT NULL CHECK (amount > 0),
        status text NOT NULL CHECK (status IN ('pending','succeeded','failed','refunded','cancelled')),
        provider_reference text,
        received_at timestamptz,
        received_by uuid REFERENCES users(id),
        -- Money that arrived for an order that had already expired: owed back to the buyer.
        needs_refund boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE UNIQUE INDEX payments_checkout_idx ON payments (checkout_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of ['payments', 'order_status_changes', 'stock_reservations', 'order_lines', 'orders', 'checkouts']) await db.query(`DROP TABLE ${table}`);
  }
}
