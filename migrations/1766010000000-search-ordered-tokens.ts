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
 * Expression GIN indexes: PostgreSQL keeps them as products are written, nothing else to maintain.
 * Words of 2–40 letters, as the vocabulary (search_words) has them. The functions are PARALLEL
 * RESTRICTED because the search probes these indexes once per rank or band: a parallel plan, which
 * the planner picks for a lone word (it cannot estimate a token computed per rank), starts workers
 * on every probe and was 50× slower. The price and date tokens' functions keep the search path
 * they were made with: PostgreSQL 17+ builds and maintains indexes with only pg_catalog on it.
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
      CREATE FUNCTION search_rank_tokens(search_name text, name_trigrams int) RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL RESTRICTED AS $$
        SELECT array_agg(DISTINCT w || ':' || name_trigrams) FROM regexp_split_to_table(search_name, '[^[:alnum:]]+') AS w WHERE length(w) BETWEEN 2 AND 40
      $$`);
    await db.query(`
      CREATE FUNCTION search_price_tokens(search_text text, min_price bigint) RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL RESTRICTED
        SET search_path FROM CURRENT AS $$
        SELECT array_agg(DISTINCT w || ':' || search_price_band(min_price)) FROM regexp_split_to_table(search_text, '[^[:alnum:]]+') AS w WHERE length(w) BETWEEN 2 AND 40
      $$`);
    await db.query(`
      CREATE FUNCTION search_date_tokens(search_text text, published_at timestamptz) RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL RESTRICTED
        SET search_path FROM CURRENT AS $$
        SELECT array_agg(DISTINCT w || ':' || search_date_band(published_at)) FROM regexp_split_to_table(search_text, '[^[:alnum:]]+') AS w WHERE length(w) BETWEEN 2 AND 40
      $$`);
    await db.query(`CREATE INDEX products_rank_tokens_idx ON products USING gin (search_rank_tokens(search_name, name_trigrams)) WHERE status = 'active'`);
    await db.query(`CREATE INDEX products_price_tokens_idx ON products USING gin (search_price_tokens(search_text, min_price)) WHERE status = 'active'`);
    await db.query(`CREATE INDEX products_date_tokens_idx ON products USING gin (search_date_tokens(search_text, published_at)) WHERE status = 'active'`);
    await db.query(`ANALYZE products`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX products_date_tokens_idx`);
    await db.query(`DROP INDEX products_price_tokens_idx`);
    await db.query(`DROP INDEX products_rank_tokens_idx`);
    await db.query(`DROP FUNCTION search_price_tokens(text, bigint)`);
    await db.query(`DROP FUNCTION search_rank_tokens(text, int)`);
    await db.query(`DROP FUNCTION search_date_tokens(text, timestamptz)`);
    await db.query(`DROP FUNCTION search_price_band(bigint)`);
    await db.query(`DROP FUNCTION search_date_band(timestamptz)`);
  }
}
