import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Word postings that know where a product stands in a page's order, so a search reads only the
 * products of the first places of that order instead of every product its words match.
 *
 * - By relevance: each word of an active product's name with the name's trigram count (its rank
 *   among names that hold every word: "banh:29"). A phrase reads, rank by rank, the products whose
 *   name has all its words at that rank. Walking the name postings in rank order, as before, read
 *   every posting of every word up to the phrase's first rank: 'banh trang tam quan' at 1,000,000
 *   products passed 40 ms of bánh and quán names shorter than any Bánh tráng Tam Quan.
 * - By price: each word of an active product's text (name and description) with a tenth of the
 *   logarithm of its price ("keo:117": a 10 % wide band of prices). Sorted by price, words read
 *   band by band from the cheapest (or dearest) instead of sorting every match ('keo dua': 12,204
 *   products at 1,000,000, 24 ms).
 * - By date: the same words with the week the product was published in ("keo:2917"), for the
 *   newest first ('nuoc mam' newest at 1,000,000: 262 ms, every match sorted).
 *
 * Expression GIN indexes over one function, `search_word_tokens(text, place)`: PostgreSQL keeps them
 * as products are written, nothing else to maintain. Words of 2–40 letters, as the vocabulary
 * (search_words) has them. The function is PARALLEL RESTRICTED because the search probes these
 * indexes once per rank or band: a parallel plan, which the planner picks for a lone word (it cannot
 * estimate a token computed per rank), starts workers on every probe and was 50× slower.
 */
export class SearchOrderedTokens1766010000000 implements MigrationInterface {
  name = 'SearchOrderedTokens1766010000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE FUNCTION search_price_band(price bigint) RETURNS int LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT floor(ln(price) * 10)::int $$`);
    // The epoch of a moment does not depend on the time zone, though extract() is only STABLE for all its fields.
    await db.query(`
      CREATE FUNCTION search_date_band(at timestamptz) RETURNS int LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT floor(extract(epoch FROM at) / 604800)::int $$`);
    await db.query(`
      CREATE FUNCTION search_word_tokens(body text, place int) RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL RESTRICTED AS $$
        SELECT array_agg(DISTINCT w || ':' || place) FROM regexp_split_to_table(body, '[^[:alnum:]]+') AS w WHERE length(w) BETWEEN 2 AND 40
      $$`);
    await db.query(`CREATE INDEX products_rank_tokens_idx ON products USING gin (search_word_tokens(search_name, name_trigrams)) WHERE status = 'active'`);
    await db.query(
      `CREATE INDEX products_price_tokens_idx ON products USING gin (search_word_tokens(search_text, search_price_band(min_price))) WHERE status = 'active'`,
    );
    await db.query(
      `CREATE INDEX products_date_tokens_idx ON products USING gin (search_word_tokens(search_text, search_date_band(published_at))) WHERE status = 'active'`,
    );
    await db.query(`ANALYZE products`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX products_date_tokens_idx`);
    await db.query(`DROP INDEX products_price_tokens_idx`);
    await db.query(`DROP INDEX products_rank_tokens_idx`);
    await db.query(`DROP FUNCTION search_word_tokens(text, int)`);
    await db.query(`DROP FUNCTION search_price_band(bigint)`);
    await db.query(`DROP FUNCTION search_date_band(timestamptz)`);
  }
}
