import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * How many distinct trigrams the product's accent-free name has, stored with the product. The
 * search ranks names that hold every word of the query by it (fewest first), which is the order
 * of their trigram similarity to the query — computing that similarity for each of the thousands
 * of products a common phrase matches was most of a search's cost (bench/search.mjs).
 */
export class SearchNameTrigrams1765920000000 implements MigrationInterface {
  name = 'SearchNameTrigrams1765920000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE products ADD COLUMN name_trigrams int GENERATED ALWAYS AS (cardinality(show_trgm(f_unaccent(lower(name))))) STORED`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE products DROP COLUMN name_trigrams`);
  }
}
