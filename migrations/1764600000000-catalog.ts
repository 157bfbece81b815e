import type { MigrationInterface, QueryRunner } from 'typeorm';

/** OCOP product groups (Decision 1048/QĐ-TTg's six; kept as data since 148/QĐ-TTg regroups them). */
const OCOP_GROUPS: Array<[string, string, string]> = [
  ['food', 'Thực phẩm', 'Food'],
  ['beverages', 'Đồ uống', 'Beverages'],
  ['herbal', 'Thảo dược', 'Herbal products'],
  ['textiles', 'Vải và may mặc', 'Textiles and garments'],
  ['crafts', 'Lưu niệm, nội thất, trang trí', 'Souvenirs, furniture and decoration'],
  ['tourism', 'Dịch vụ du lịch cộng đồng và điểm du lịch', 'Rural tourism services'],
];

/** The category tree buyers browse: [id, parent, Vietnamese name, English name, OCOP group]. */
const CATEGORIES: Array<[string, string | null, string, string, string]> = [
  ['fresh-produce', null, 'Nông sản tươi', 'Fresh produce', 'food'],
  ['fresh-fruit', 'fresh-produce', 'Trái cây tươi', 'Fresh fruit', 'food'],
  ['vegetables', 'fresh-produce', 'Rau, củ', 'Vegetables', 'food'],
  ['coconut', 'fresh-produce', 'Dừa và sản phẩm từ dừa', 'Coconut and coconut products', 'food'],
  ['rice-grains', null, 'Gạo và ngũ cốc', 'Rice and grains', 'food'],
  ['seafood', null, 'Thủy hải sản', 'Seafood', 'food'],
  ['fish-sauce', 'seafood', 'Nước mắm', 'Fish sauce', 'food'],
  ['dried-seafood', 'seafood', 'Hải sản khô', 'Dried seafood', 'food'],
  ['processed-foods', null, 'Thực phẩm chế biến', 'Processed foods', 'food'],
  ['rice-paper', 'processed-foods', 'Bánh tráng, bún, phở', 'Rice paper and noodles', 'food'],
  ['cured-meat', 'processed-foods', 'Nem, chả, thịt chế biến', 'Cured and processed meat', 'food'],
  ['sweets', 'processed-foods', 'Bánh kẹo, mứt', 'Sweets and preserves', 'food'],
  ['spices', 'processed-foods', 'Gia vị', 'Spices and condiments', 'food'],
  ['beverages', null, 'Đồ uống', 'Beverages', 'beverages'],
  ['wine-spirits', 'beverages', 'Rượu', 'Wine and spirits', 'beverages'],
  ['tea-coffee', 'beverages', 'Trà, cà phê', 'Tea and coffee', 'beverages'],
  ['herbal', null, 'Thảo dược', 'Herbal products', 'herbal'],
  ['essential-oils', 'herbal', 'Tinh dầu', 'Essential oils', 'herbal'],
  ['honey', 'herbal', 'Mật ong, sản phẩm từ ong', 'Honey and bee products', 'herbal'],
  ['textiles', null, 'Vải, may mặc', 'Textiles and garments', 'textiles'],
  ['handicrafts', null, 'Thủ công mỹ nghệ', 'Handicrafts', 'crafts'],
  ['rural-tourism', null, 'Du lịch cộng đồng', 'Rural tourism', 'tourism'],
];

/** Categories, products with their OCOP and certification facts, variants with stock, images. */
export class Catalog1764600000000 implements MigrationInterface {
  name = 'Catalog1764600000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE ocop_product_groups (
        code text PRIMARY KEY,
        name_vi text NOT NULL,
        name_en text NOT NULL
      )`);
    await db.query(`
      CREATE TABLE categories (
        id text PRIMARY KEY,
        parent_id text REFERENCES categories(id),
        name_vi text NOT NULL,
        name_en text NOT NULL,
        ocop_group text NOT NULL REFERENCES ocop_product_groups(code),
        position int NOT NULL
      )`);
    for (const [code, vi, en] of OCOP_GROUPS) {
      await db.query(`INSERT INTO ocop_product_groups (code, name_vi, name_en) VALUES ($1, $2, $3)`, [code, vi, en]);
    }
    for (const [index, [id, parent, vi, en, group]] of CATEGORIES.entries()) {
      await db.query(`INSERT INTO categories (id, parent_id, name_vi, name_en, ocop_group, position) VALUES ($1, $2, $3, $4, $5, $6)`, [
        id,
        parent,
        vi,
        en,
        group,
        index,
      ]);
    }

    await db.query(`
      CREATE TABLE products (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        cooperative_id uuid NOT NULL REFERENCES cooperatives(id),
        slug text NOT NULL UNIQUE,
        name text NOT NULL,
        description text NOT NULL DEFAULT '',
        category_id text NOT NULL REFERENCES categories(id),
        origin_ward_code text NOT NULL REFERENCES wards(code),
        unit text NOT NULL,
        status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','active','archived')),
        ocop_stars smallint CHECK (ocop_stars BETWEEN 3 AND 5),
        ocop_certificate_number text,
        ocop_issued_at date,
        ocop_expires_at date,
        harvest_months smallint[] NOT NULL DEFAULT '{}',
        shelf_life_days int CHECK (shelf_life_days > 0),
        min_price bigint NOT NULL CHECK (min_price > 0),
        published_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        search_text text GENERATED ALWAYS AS (f_unaccent(lower(name || ' ' || description))) STORED,
        search_name text GENERATED ALWAYS AS (f_unaccent(lower(name))) STORED,
        CONSTRAINT products_ocop_complete CHECK (
          (ocop_stars IS NULL AND ocop_certificate_number IS NULL AND ocop_issued_at IS NULL AND ocop_expires_at IS NULL)
          OR (ocop_stars IS NOT NULL AND ocop_certificate_number IS NOT NULL AND ocop_issued_at IS NOT NULL AND ocop_expires_at > ocop_issued_at)),
        CONSTRAINT products_harvest_months CHECK (harvest_months <@ ARRAY[1,2,3,4,5,6,7,8,9,10,11,12]::smallint[])
      )`);
    await db.query(`CREATE INDEX products_cooperative_idx ON products (cooperative_id, created_at DESC)`);
    // The public catalog only ever reads active products: partial indexes keep them small.
    await db.query(`CREATE INDEX products_search_trgm_idx ON products USING gin (search_text gin_trgm_ops) WHERE status = 'active'`);
    await db.query(`CREATE INDEX products_active_newest_idx ON products (published_at DESC, id DESC) WHERE status = 'active'`);
    await db.query(`CREATE INDEX products_active_price_idx ON products (min_price, id) WHERE status = 'active'`);
    await db.query(`CREATE INDEX products_active_category_idx ON products (category_id, published_at DESC) WHERE status = 'active'`);
    await db.query(`CREATE INDEX products_active_ward_idx ON products (origin_ward_code) WHERE status = 'active'`);

    await db.query(`
      CREATE TABLE product_certifications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        product_id uuid NOT NULL REFERENCES products(id) ON DELETE CASCADE,
        type text NOT NULL CHECK (type IN ('vietgap','globalgap','organic','haccp','iso22000','other')),
        number text NOT NULL,
        issuer text NOT NULL,
        issued_at date NOT NULL,
        expires_at date NOT NULL CHECK (expires_at > issued_at),
        position int NOT NULL
      )`);
    await db.query(`CREATE INDEX product_certifications_product_idx ON product_certifications (product_id)`);
    await db.query(`CREATE INDEX product_certifications_type_idx ON product_certifications (type, expires_at)`);

    await db.query(`
      CREATE TABLE variants (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        product_id uuid NOT NULL REFERENCES products(id) ON DELETE CASCADE,
        cooperative_id uuid NOT NULL REFERENCES cooperatives(id),
        sku text NOT NULL,
        name text NOT NULL,
        price bigint NOT NULL CHECK (price > 0),
        weight_grams int NOT NULL CHECK (weight_grams > 0),
        stock int NOT NULL CHECK (stock >= 0),
        position int NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // SKUs are compared without case: "bd-01" and "BD-01" are the same label on the shelf.
    await db.query(`CREATE UNIQUE INDEX variants_cooperative_sku_key ON variants (cooperative_id, upper(sku))`);
    await db.query(`CREATE INDEX variants_product_idx ON variants (product_id, position)`);

    await db.query(`
      CREATE TABLE product_images (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        product_id uuid NOT NULL REFERENCES products(id) ON DELETE CASCADE,
        position int NOT NULL,
        width int NOT NULL,
        height int NOT NULL,
        keys jsonb NOT NULL,
        alt text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX product_images_product_idx ON product_images (product_id, position)`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of ['product_images', 'variants', 'product_certifications', 'products', 'categories', 'ocop_product_groups']) {
      await db.query(`DROP TABLE ${table}`);
    }
  }
}
