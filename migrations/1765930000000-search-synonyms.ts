import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Words buyers type that the catalog says differently — English ("fish sauce"), the North's names
 * for the South's (bánh đa, vừng, lạc) — each with what it means in the catalog's words. Officials
 * edit the list (`/admin/search-synonyms`); the search looks the typed words up by their
 * accent-free key. The first rows are a starting list for Bình Định's products.
 */
export class SearchSynonyms1765930000000 implements MigrationInterface {
  name = 'SearchSynonyms1765930000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE search_synonyms (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        term text NOT NULL,
        means text NOT NULL,
        term_key text GENERATED ALWAYS AS (f_unaccent(lower(term))) STORED,
        means_key text GENERATED ALWAYS AS (f_unaccent(lower(means))) STORED,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT search_synonyms_term_key UNIQUE (term_key)
      )`);
    const seed: Array<[string, string]> = [
      ['fish sauce', 'nước mắm'],
      ['rice paper', 'bánh tráng'],
      ['honey', 'mật ong'],
      ['coconut candy', 'kẹo dừa'],
      ['coconut oil', 'dầu dừa'],
      ['coconut', 'dừa'],
      ['mango', 'xoài'],
      ['dried squid', 'mực khô'],
      ['squid', 'mực'],
      ['dried shrimp', 'tôm khô'],
      ['shrimp', 'tôm'],
      ['rice wine', 'rượu'],
      ['wine', 'rượu'],
      ['rice', 'gạo'],
      ['peanut', 'đậu phộng'],
      ['sesame', 'mè'],
      ['dragon fruit', 'thanh long'],
      ['pomelo', 'bưởi'],
      ['cashew', 'hạt điều'],
      ['bánh đa', 'bánh tráng'],
      ['vừng', 'mè'],
      ['lạc', 'đậu phộng'],
      ['quả', 'trái'],
      ['lợn', 'heo'],
    ];
    await db.query(`INSERT INTO search_synonyms (term, means) SELECT * FROM unnest($1::text[], $2::text[])`, [seed.map((s) => s[0]), seed.map((s) => s[1])]);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE search_synonyms`);
  }
}
