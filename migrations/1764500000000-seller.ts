import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Cooperatives, their members, papers and verification timeline; the notification outbox. */
export class Seller1764500000000 implements MigrationInterface {
  name = 'Seller1764500000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE cooperatives (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        slug text NOT NULL UNIQUE,
        name text NOT NULL,
        tax_code text NOT NULL,
        representative text NOT NULL,
        phone text NOT NULL,
        email text NOT NULL,
        ward_code text NOT NULL REFERENCES wards(code),
        former_commune_code text,
        address_line text NOT NULL,
        description text,
        logo_key text,
        status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','submitted','approved','rejected','suspended')),
        status_reason text,
        created_by uuid NOT NULL REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT cooperatives_tax_code_key UNIQUE (tax_code),
        CONSTRAINT cooperatives_tax_code_format CHECK (tax_code ~ '^\\d{10}(-\\d{3})?$')
      )`);
    await db.query(`CREATE INDEX cooperatives_status_idx ON cooperatives (status, created_at)`);
    await db.query(`CREATE INDEX cooperatives_ward_idx ON cooperatives (ward_code)`);
    await db.query(`CREATE INDEX cooperatives_name_trgm_idx ON cooperatives USING gin (f_unaccent(lower(name)) gin_trgm_ops)`);

    await db.query(`
      CREATE TABLE cooperative_members (
        cooperative_id uuid NOT NULL REFERENCES cooperatives(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        role text NOT NULL CHECK (role IN ('coop_admin','coop_member')),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (cooperative_id, user_id)
      )`);
    await db.query(`CREATE INDEX cooperative_members_user_idx ON cooperative_members (user_id)`);

    await db.query(`
      CREATE TABLE cooperative_documents (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        cooperative_id uuid NOT NULL REFERENCES cooperatives(id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('business_registration','ocop_certificate','vietgap_certificate','organic_certificate','other')),
        file_name text NOT NULL,
        content_type text NOT NULL,
        size_bytes int NOT NULL CHECK (size_bytes > 0),
        storage_key text NOT NULL UNIQUE,
        uploaded_by uuid NOT NULL REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX cooperative_documents_coop_idx ON cooperative_documents (cooperative_id, created_at)`);

    await db.query(`
      CREATE TABLE cooperative_status_changes (
        id bigserial PRIMARY KEY,
        cooperative_id uuid NOT NULL REFERENCES cooperatives(id) ON DELETE CASCADE,
        from_status text,
        to_status text NOT NULL,
        reason text,
        actor_user_id uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX cooperative_status_changes_coop_idx ON cooperative_status_changes (cooperative_id, id)`);

    await db.query(`
      CREATE TABLE notification_outbox (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        created_at timestamptz NOT NULL DEFAULT now(),
        cooperative_id uuid REFERENCES cooperatives(id) ON DELETE SET NULL,
        channel text NOT NULL CHECK (channel IN ('email','sms')),
        recipient text NOT NULL,
        template text NOT NULL,
        locale text NOT NULL DEFAULT 'vi',
        data jsonb NOT NULL DEFAULT '{}',
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','sent','failed')),
        attempts int NOT NULL DEFAULT 0,
        sent_at timestamptz
      )`);
    await db.query(`CREATE INDEX notification_outbox_pending_idx ON notification_outbox (status, created_at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE notification_outbox`);
    await db.query(`DROP TABLE cooperative_status_changes`);
    await db.query(`DROP TABLE cooperative_documents`);
    await db.query(`DROP TABLE cooperative_members`);
    await db.query(`DROP TABLE cooperatives`);
  }
}
