import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The buyer's photos of goods they ask to send back: private objects, shown only through the return's permission check. */
export class ReturnPhotos1765810000000 implements MigrationInterface {
  name = 'ReturnPhotos1765810000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE order_return_photos (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        return_id uuid NOT NULL REFERENCES order_returns(id),
        storage_key text NOT NULL,
        width integer NOT NULL CHECK (width > 0),
        height integer NOT NULL CHECK (height > 0),
        size_bytes integer NOT NULL CHECK (size_bytes > 0),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX order_return_photos_return_idx ON order_return_photos (return_id, created_at, id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE order_return_photos`);
  }
}
