import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * For each word of an active product's name, the product with its rank among names (the name's
 * trigram count, smallest first): the search merges the postings of the query's words, each in
 * rank order, and stops at the page's last product, instead of reading every product a common
 * phrase matches ('nuoc mam': 7,286 of 100,000) to sort them. Kept by triggers as products are written;
 * words of 2–40 letters, as the vocabulary (search_words) has them.
 *
 * Also: the OCOP filter's own index, newest first and covering what the filter reads, so
 * "OCOP ≥ 4 stars" walks the newest verified products without visiting the table; it replaces
 * the index by stars, which the planner preferred on an estimate 8× too low (stars and expiry
 * are set together, it multiplies them as if independent).
 */
export class SearchNamePostings1765985000000 implements MigrationInterface {
  name = 'SearchNamePostings1765985000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `CREATE TABLE search_name_postings (word text NOT NULL, name_trigrams int NOT NULL, product_id uuid NOT NULL REFERENCES products(id) ON DELETE CASCADE)`,
    );
    await db.query(`CREATE UNIQUE INDEX search_name_postings_rank_idx ON search_name_postings (word, name_trigrams, product_id DESC)`);
    await db.query(`CREATE INDEX search_name_postings_product_idx ON search_name_postings (product_id, word)`);
    await db.query(`
      CREATE FUNCTION search_name_postings_of(products products) RETURNS TABLE (word text, name_trigrams int, product_id uuid) LANGUAGE sql IMMUTABLE AS $$
        SELECT DISTINCT w, products.name_trigrams, products.id FROM regexp_split_to_table(products.search_name, '[^[:alnum:]]+') AS w
         WHERE products.status = 'active' AND length(w) BETWEEN 2 AND 40
      $$`);
    // Inserts by statement (an import writes thousands at once); changes and deletions by row, only
    // when the name or the status changed.
    await db.query(`
      CREATE FUNCTION search_name_postings_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO search_name_postings (word, name_trigrams, product_id) SELECT s.* FROM inserted, search_name_postings_of(inserted) s;
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE FUNCTION search_name_postings_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        DELETE FROM search_name_postings WHERE product_id = OLD.id;
        INSERT INTO search_name_postings (word, name_trigrams, product_id) SELECT * FROM search_name_postings_of(NEW);
        RETURN NULL;
      END $$`);
    await db.query(
      `CREATE TRIGGER products_search_name_postings_inserted AFTER INSERT ON products REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION search_name_postings_inserted()`,
    );
    await db.query(
      `CREATE TRIGGER products_search_name_postings_changed AFTER UPDATE ON products FOR EACH ROW
         WHEN (OLD.search_name IS DISTINCT FROM NEW.search_name OR OLD.status IS DISTINCT FROM NEW.status) EXECUTE FUNCTION search_name_postings_changed()`,
    );
    await db.query(`INSERT INTO search_name_postings (word, name_trigrams, product_id) SELECT s.* FROM products p, search_name_postings_of(p) s`);
    await db.query(`ANALYZE search_name_postings`);
    // The catalog words a query word stands for (LIKE '%word%'): a few hundred words today, tens of thousands in a grown catalog.
    await db.query(`CREATE INDEX search_words_trgm_idx ON search_words USING gin (word gin_trgm_ops)`);

    await db.query(`DROP INDEX products_ocop_verified_idx`);
    await db.query(`
      CREATE INDEX products_ocop_newest_idx ON products (published_at DESC, id DESC)
        INCLUDE (ocop_stars, ocop_expires_at, category_id, cooperative_id, min_price, status, ocop_status)
        WHERE status = 'active' AND ocop_status = 'verified'`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX products_ocop_newest_idx`);
    await db.query(`CREATE INDEX products_ocop_verified_idx ON products (ocop_stars, ocop_expires_at) WHERE status = 'active' AND ocop_status = 'verified'`);
    await db.query(`DROP INDEX search_words_trgm_idx`);
    await db.query(`DROP TRIGGER products_search_name_postings_inserted ON products`);
    await db.query(`DROP TRIGGER products_search_name_postings_changed ON products`);
    await db.query(`DROP FUNCTION search_name_postings_inserted()`);
    await db.query(`DROP FUNCTION search_name_postings_changed()`);
    await db.query(`DROP FUNCTION search_name_postings_of(products)`);
    await db.query(`DROP TABLE search_name_postings`);
  }
}
