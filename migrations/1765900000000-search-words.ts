import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The catalog's vocabulary, for typo correction: every accent-free word of every product's name and
 * description, kept by a trigger as products are written. A typo is corrected against these few
 * thousand words (edit distance, fuzzystrmatch) instead of rechecking trigram similarity against
 * thousands of products' texts. Words are only ever added: one no product uses any more corrects
 * to nothing, which the search then simply does not find. Words of 2–40 letters: a longer run (a
 * code, a pasted link) is never a typo of anything, and would not fit a btree entry.
 */
export class SearchWords1765900000000 implements MigrationInterface {
  name = 'SearchWords1765900000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE EXTENSION IF NOT EXISTS fuzzystrmatch`);
    await db.query(`CREATE TABLE search_words (word text PRIMARY KEY)`);
    await db.query(`CREATE INDEX search_words_length_idx ON search_words (length(word))`);
    // New products by statement (an import inserts thousands at once: one pass over them all),
    // changed texts by row, only when the text did change.
    await db.query(`
      CREATE FUNCTION search_words_add_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO search_words (word)
        SELECT DISTINCT w FROM inserted, regexp_split_to_table(inserted.search_text, '[^[:alnum:]]+') AS w WHERE length(w) BETWEEN 2 AND 40
        ON CONFLICT DO NOTHING;
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE FUNCTION search_words_add_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO search_words (word)
        SELECT DISTINCT w FROM regexp_split_to_table(NEW.search_text, '[^[:alnum:]]+') AS w WHERE length(w) BETWEEN 2 AND 40
        ON CONFLICT DO NOTHING;
        RETURN NULL;
      END $$`);
    await db.query(
      `CREATE TRIGGER products_search_words_inserted AFTER INSERT ON products REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION search_words_add_inserted()`,
    );
    await db.query(
      `CREATE TRIGGER products_search_words_changed AFTER UPDATE ON products FOR EACH ROW WHEN (OLD.search_text IS DISTINCT FROM NEW.search_text) EXECUTE FUNCTION search_words_add_changed()`,
    );
    await db.query(`
      INSERT INTO search_words (word)
      SELECT DISTINCT w FROM products, regexp_split_to_table(search_text, '[^[:alnum:]]+') AS w WHERE length(w) BETWEEN 2 AND 40
      ON CONFLICT DO NOTHING`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER products_search_words_inserted ON products`);
    await db.query(`DROP TRIGGER products_search_words_changed ON products`);
    await db.query(`DROP FUNCTION search_words_add_inserted()`);
    await db.query(`DROP FUNCTION search_words_add_changed()`);
    await db.query(`DROP TABLE search_words`);
  }
}
