import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AdminUnitsService, AppException, decodeCursor, escapeLike, DEFAULT_PAGE_SIZE, encodeCursor, ObjectStorage, vietnamDate } from '@nongsan/core';
import type { DataSource } from 'typeorm';
import { earnsOcopBadge } from '../products/product-columns.js';
import { OcopStatus, ProductCertification, ProductImage, Variant, type ImageKeys } from '../products/product.entities.js';
import { toImageDto } from '../products/product.mapper.js';
import { toOriginDto, toPublicCooperativeDto } from './public-views.js';
import type { CatalogItemDto, CatalogPageDto, ProductSearchDto, PublicProductDto, Sort } from './search.dto.js';
import { rewriteWithSynonyms, termRuns } from './search-synonyms.service.js';
import { typoAllowance, typoDistance } from './typos.js';

/** Fewer than this many units left shows as "low stock". */
const LOW_STOCK = 5;
const MAX_WORDS = 8;
/** Longer "words" (a pasted code, a URL) are taken as typed. */
const MAX_TYPO_WORD = 40;
/** Per typed word, the closest catalog words tried. */
const MAX_MEANINGS = 5;
/** Ranks a product that has a word only in its description after every name that has them all (a name has far fewer trigrams). */
const DESCRIPTION_ONLY = 10_000;
/** A query word that stands for more catalog words than this (two letters: "an") is left to the full statement. */
const MAX_MERGED_WORDS = 32;

interface Row {
  id: string;
  slug: string;
  name: string;
  min_price: string;
  ocop_stars: number | null;
  origin_ward_code: string;
  ward_name: string;
  category_id: string;
  coop_id: string;
  coop_name: string;
  coop_slug: string;
  rank: number;
  published_key: string;
  image_keys: ImageKeys | null;
  image_width: number | null;
  image_height: number | null;
  in_stock: boolean;
}

/** Sort key, id, and whether the pages are approximate matches (1) or exact ones (0). */
type Position = [string | number, string, 0 | 1];

/** Ways to read a query: per reading, per word, the words any of which will do. */
type Wanted = string[][][];

/**
 * Per sort by a product's column, its band postings (migration 1766010000000: the words with the
 * band their product's value falls in): the column and its type, the band function, the order.
 */
const PRICE = { column: 'min_price', type: 'bigint', band: 'search_price_band' } as const;
const BANDS = {
  price_asc: { ...PRICE, dir: 'ASC' },
  price_desc: { ...PRICE, dir: 'DESC' },
  newest: { column: 'published_at', type: 'timestamptz', band: 'search_date_band', dir: 'DESC' },
} as const;

/** A reading of a query for the postings: per query word, the catalog words any of which will do. */
type PostingReading = string[][];

/** A query word (by its place) and one catalog word that contains it; `plain` when the query word is letters and digits only. */
interface CatalogWord {
  i: number;
  plain: boolean;
  word: string | null;
}

/** The readings of a query and, when it is read one way as typed, the catalog words of each of its words. */
interface Readings {
  readings: Wanted;
  catalogWords?: CatalogWord[];
}

/**
 * The catalog words each query word stands for (the vocabulary's words that contain it, as LIKE
 * finds it in a text), one row per pair; a word none contains, with a null word. Each pattern is
 * computed once; a trigram index serves the LIKE once the vocabulary is large. Parameters from $n:
 * the words' places, the words, the same escaped for LIKE (catalogWordsParams).
 */
function catalogWordsSql(n: number): string {
  return `SELECT t.i, t.key ~ '^[[:alnum:]]{2,40}$' AS plain, s.word
     FROM (SELECT i, f_unaccent(lower(m)) AS key, '%' || f_unaccent(lower(pattern)) || '%' AS pattern
             FROM unnest($${n}::int[], $${n + 1}::text[], $${n + 2}::text[]) AS u(i, m, pattern) OFFSET 0) t
     LEFT JOIN search_words s ON s.word LIKE t.pattern`;
}

function catalogWordsParams(reading: string[][]): [number[], string[], string[]] {
  const meanings = reading.flatMap((meant, i) => meant.map((m) => ({ i, m })));
  return [meanings.map((x) => x.i), meanings.map((x) => x.m), meanings.map((x) => escapeLike(x.m))];
}

/**
 * The public catalog: only active products of approved cooperatives. Text search is
 * accent-free on both sides (f_unaccent, đ → d) and every word must match somewhere in name or
 * description. Keyset pagination on (sort key, id) never skips or repeats an item while
 * products are added.
 */
@Injectable()
export class CatalogSearchService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly storage: ObjectStorage,
    private readonly units: AdminUnitsService,
  ) {}

  /**
   * Exact words first (each must appear, accent-free, in name or description — a trigram index
   * answers that in milliseconds), or the query with its synonyms in the catalog's words
   * ("fish sauce" → nước mắm). Only when that finds nothing does it retry with the typed words
   * corrected against the catalog's vocabulary, and says so with `approximate`.
   */
  async search(query: ProductSearchDto): Promise<CatalogPageDto> {
    const after = decodeCursor(query.cursor, isPosition);
    const words = (query.q ?? '').split(/\s+/).filter(Boolean).slice(0, MAX_WORDS);
    const corrected = async () => ({ readings: [await this.meanings(words)] });
    if (after) return this.searchPage(query, words, after[2] === 1 ? await corrected() : await this.exactly(words), after);
    const exact = await this.searchPage(query, words, await this.exactly(words), undefined);
    return exact.items.length === 0 && words.length > 0 ? this.searchPage(query, words, await corrected(), undefined, true) : exact;
  }

  /**
   * The words as typed, and the same with the synonyms they contain put in the catalog's words;
   * with the catalog words each typed word stands for, read in the same statement.
   */
  private async exactly(words: string[]): Promise<Readings> {
    if (words.length === 0) return { readings: [[]] };
    const runs = termRuns(words);
    const rows = await this.db.query<Array<CatalogWord & { kind: 'term' | 'catalog' }>>(
      `SELECT 'term' AS kind, g.i::int AS i, NULL::boolean AS plain, s.means_key AS word
         FROM unnest($1::text[]) WITH ORDINALITY AS g(text, i) JOIN search_synonyms s ON s.term_key = f_unaccent(lower(g.text))
       UNION ALL
       SELECT 'catalog', w.* FROM (${catalogWordsSql(2)}) w`,
      [runs.map((r) => r.text), ...catalogWordsParams(words.map((w) => [w]))],
    );
    const asTyped = words.map((w) => [w]);
    const meant = rewriteWithSynonyms(
      words,
      runs,
      rows.filter((r) => r.kind === 'term').map((r) => ({ i: r.i, means: r.word! })),
    );
    return meant ? { readings: [asTyped, meant.map((w) => [w])] } : { readings: [asTyped], catalogWords: rows.filter((r) => r.kind === 'catalog') };
  }

  /**
   * For each typed word, the catalog's words it may have meant: itself when the catalog has it,
   * else every word within its typo allowance, closest first. (Levenshtein in PostgreSQL counts a
   * swap of neighbours as two typos: it narrows the vocabulary down, `typoDistance` decides.)
   */
  private async meanings(words: string[]): Promise<string[][]> {
    // Each word's allowance by its accent-free length (known only in SQL): entry k for k letters.
    const allowances = Array.from({ length: MAX_TYPO_WORD + 1 }, (_, k) => typoAllowance(k));
    const near = await this.db.query<Array<{ i: number; typed: string; allowance: number; word: string | null }>>(
      `SELECT t.i::int AS i, t.typed, t.allowance, s.word
         FROM (SELECT i, typed, coalesce(($2::int[])[length(typed) + 1], 0) AS allowance
                 FROM (SELECT i, f_unaccent(lower(w)) AS typed FROM unnest($1::text[]) WITH ORDINALITY AS u(w, i) OFFSET 0) u) t
         LEFT JOIN search_words s ON length(s.word) BETWEEN length(t.typed) - t.allowance AND length(t.typed) + t.allowance
                                 AND levenshtein_less_equal(s.word, t.typed, 2 * t.allowance) <= 2 * t.allowance`,
      [words, allowances],
    );
    return words.map((_, index) => {
      const mine = near.filter((n) => n.i === index + 1);
      const { typed, allowance } = mine[0];
      const candidates = mine
        .filter((n) => n.word !== null)
        .map((n) => ({ word: n.word!, distance: typoDistance(n.word!, typed) }))
        .filter((c) => c.distance <= allowance)
        .sort((a, b) => a.distance - b.distance || a.word.localeCompare(b.word));
      return candidates[0]?.distance === 0 ? [typed] : candidates.slice(0, MAX_MEANINGS).map((c) => c.word);
    });
  }

  /** `readings`: the ways the query may be read; a product matches one of them. `words`: as typed. */
  private async searchPage(
    query: ProductSearchDto,
    words: string[],
    { readings, catalogWords }: Readings,
    after: Position | undefined,
    approximate = after?.[2] === 1,
  ): Promise<CatalogPageDto> {
    const possible = readings.filter((reading) => reading.every((meant) => meant.length > 0));
    if (possible.length === 0) return { items: [], nextCursor: null, approximate };
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const sort: Exclude<Sort, 'relevance'> | 'rank' =
      (query.sort ?? 'relevance') === 'relevance' ? (words.length > 0 ? 'rank' : 'newest') : (query.sort as Exclude<Sort, 'relevance'>);

    const params: unknown[] = [];
    const bind = (value: unknown) => `$${params.push(value)}`;
    const today = bind(vietnamDate());
    const where = [`p.status = 'active'`, `EXISTS (SELECT 1 FROM cooperatives c WHERE c.id = p.cooperative_id AND c.status = 'approved')`];
    // Per reading, per word, what it may be (as typed, a synonym's words, or the catalog words a typo
    // may have meant): whether the name and description, or the name alone, has one of them.
    const conditions = possible.map((reading) =>
      reading.map((meant) =>
        meant.map((m) => {
          const word = `f_unaccent(lower(${bind(escapeLike(m))}))`;
          return { inText: `p.search_text LIKE '%' || ${word} || '%'`, inName: `p.search_name LIKE '%' || ${word} || '%'` };
        }),
      ),
    );
    const every = (where: 'inText' | 'inName') =>
      conditions.map((reading) => `(${reading.map((meant) => `(${meant.map((m) => m[where]).join(' OR ')})`).join(' AND ')})`).join(' OR ');
    if (words.length > 0) where.push(`(${every('inText')})`);
    where.push(...filtersOf(query, bind, today));

    // Relevance: how close the name is to the query (trigram similarity), products whose name has
    // every word first. For those, the order of similarity is the order of the name's trigram count
    // (all of the query's trigrams are in the name, so similarity = query's ÷ name's), stored with
    // the product: no similarity computed for each of the thousands of products a common phrase
    // matches. The rest (a word only in the description) follow, by similarity computed. Sorted by
    // price or date, nothing is ranked.
    const rank =
      sort !== 'rank'
        ? '0'
        : `CASE WHEN ${every('inName')} THEN p.name_trigrams ELSE ${DESCRIPTION_ONLY} + 1 - similarity(f_unaccent(lower(${bind(words.join(' '))})), p.search_name) END`;
    // A key and the id in the same direction is one row comparison an index walks from (the
    // product's newest or price index); relevance is computed, so its position is a condition.
    const order = {
      rank: { key: 'rank', dir: 'ASC', idDir: 'DESC', cast: 'float8' },
      newest: { key: 'published_at', dir: 'DESC', idDir: 'DESC', cast: 'timestamptz' },
      price_asc: { key: 'min_price', dir: 'ASC', idDir: 'ASC', cast: 'bigint' },
      price_desc: { key: 'min_price', dir: 'DESC', idDir: 'DESC', cast: 'bigint' },
    }[sort];
    const cmp = (dir: string) => (dir === 'DESC' ? '<' : '>');
    if (after && sort !== 'rank') where.push(`(p.${order.key}, p.id) ${cmp(order.dir)} (${bind(after[0])}::${order.cast}, ${bind(after[1])}::uuid)`);
    const keyset =
      after && sort === 'rank'
        ? `WHERE h.rank ${cmp(order.dir)} ${bind(after[0])}::float8 OR (h.rank = ${bind(after[0])}::float8 AND h.id ${cmp(order.idDir)} ${bind(after[1])}::uuid)`
        : '';
    const ordering = `ORDER BY h.${order.key} ${order.dir}, h.id ${order.idDir}`;
    // Words sorted by price or date: the matches first, then sorted (OFFSET 0 keeps the planner from
    // walking the price or date index instead, checking the words row by row — at 1M products it
    // took that walk for 'keo dua' by price and read for a second; the matches are at most thousands).
    const matchesFirst = words.length > 0 && sort !== 'rank' ? 'OFFSET 0' : '';

    // Relevance, price and date read the ordered postings (not on a cooperative's own page: one
    // of hundreds, the walk would pass most products by).
    const postings =
      words.length > 0 && !query.cooperativeId && (sort !== 'rank' || !after || Number(after[0]) < DESCRIPTION_ONLY)
        ? await this.postingReadings(possible, catalogWords)
        : null;
    const byPostings =
      postings === null
        ? null
        : postings.length === 0
          ? []
          : sort === 'rank'
            ? await this.byNamePostings(query, postings, after, limit)
            : await this.byBands(query, postings, sort, after, limit);
    // The page's ids first, from the narrowest rows the filters need; the rest of each item for those ids only.
    const rows =
      byPostings ??
      (await this.db.query<Row[]>(
        pageOf(
          `SELECT h.* FROM (SELECT p.id, p.published_at, p.min_price, ${rank}::float8 AS rank FROM products p WHERE ${where.join(' AND ')} ${matchesFirst}) h
           ${keyset}
           ${ordering}
           LIMIT ${bind(limit + 1)}`,
          ordering,
          today,
        ),
        params,
      ));
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    const mode = approximate ? 1 : 0;
    const position = (r: Row): Position =>
      sort === 'rank' ? [r.rank, r.id, mode] : sort === 'newest' ? [r.published_key, r.id, mode] : [r.min_price, r.id, mode];
    return {
      items: page.map((r) => this.toItem(r)),
      nextCursor: rows.length > limit ? encodeCursor(position(last)) : null,
      approximate,
    };
  }

  /**
   * Per reading, per query word, the catalog words it stands for (the vocabulary's words that
   * contain it, as LIKE finds it in a text), read in one statement unless `known` (the one reading's,
   * read with the synonyms). A reading with a word in no product's text is left out: it matches
   * nothing, by name or description (none left: a typo, the caller corrects it at once). null when
   * postings cannot answer — a word that is not plain letters and digits, or one that stands for
   * too many catalog words. (A "word" longer than 40 letters is in neither the vocabulary nor the
   * postings; a query word found only inside one is not found.)
   */
  private async postingReadings(readings: Wanted, known?: CatalogWord[]): Promise<PostingReading[] | null> {
    const words = readings.flat();
    const found = known ?? (await this.db.query<CatalogWord[]>(catalogWordsSql(1), catalogWordsParams(words)));
    if (found.some((f) => !f.plain)) return null;
    const perWord = words.map((_, i) => [...new Set(found.filter((f) => f.i === i && f.word !== null).map((f) => f.word!))]);
    if (perWord.some((catalogWords) => catalogWords.length > MAX_MERGED_WORDS)) return null;
    let next = 0;
    return readings.map((reading) => reading.map(() => perWord[next++])).filter((reading) => reading.every((catalogWords) => catalogWords.length > 0));
  }

  /**
   * A relevance page, when names alone fill it (they come before every description-only match),
   * the other filters checked on each product met. One word read one way: its name postings,
   * already in rank order, read as far as the page's last product. Otherwise rank by rank (a
   * name's trigram count, from the smallest any name with the words has), the products whose name
   * has every word of a reading at that rank, from the rank postings (products_rank_tokens_idx) —
   * so a phrase reads the names of its first ranks only, where the full statement reads every
   * product the phrase matches ('nuoc mam': 7,286 of 100,000) to sort them. null when names are
   * fewer than a page.
   */
  private async byNamePostings(query: ProductSearchDto, readings: PostingReading[], after: Position | undefined, limit: number): Promise<Row[] | null> {
    const params: unknown[] = [];
    const bind = (value: unknown) => `$${params.push(value)}`;
    const today = bind(vietnamDate());
    let hits: string;
    if (readings.length === 1 && readings[0].length === 1) {
      const [[catalogWords]] = readings;
      const filters = [`p.id = product_id`, `p.status = 'active'`, `c.status = 'approved'`, ...filtersOf(query, bind, today)];
      const from = after
        ? `AND n.name_trigrams >= ${bind(Math.trunc(Number(after[0])))} AND (n.name_trigrams > $${params.length} OR n.product_id < ${bind(after[1])}::uuid)`
        : '';
      const inRankOrder = 'ORDER BY name_trigrams, product_id DESC';
      const one = (word: string) => `SELECT n.product_id, n.name_trigrams FROM search_name_postings n WHERE n.word = ${bind(word)} ${from} ${inRankOrder}`;
      const list =
        catalogWords.length === 1
          ? one(catalogWords[0])
          : `SELECT DISTINCT ON (name_trigrams, product_id) * FROM (${catalogWords.map((w) => `(${one(w)})`).join(' UNION ALL ')}) u ${inRankOrder}`;
      hits = `SELECT product_id AS id, name_trigrams::float8 AS rank FROM (${list}) w
               WHERE EXISTS (SELECT 1 FROM products p JOIN cooperatives c ON c.id = p.cooperative_id WHERE ${filters.join(' AND ')})
               ${inRankOrder}
               LIMIT ${bind(limit + 1)}`;
    } else {
      // The ranks to read: per reading, from the largest of its words' smallest ranks to the smallest of their largest.
      const words = readings.flatMap((reading, r) => reading.flatMap((catalogWords, i) => catalogWords.map((word) => ({ r, i, word }))));
      const ranks = `SELECT min(lo) AS lo, max(hi) AS hi FROM (SELECT max(lo) AS lo, min(hi) AS hi FROM (
          SELECT a.r, min((SELECT n.name_trigrams FROM search_name_postings n WHERE n.word = a.word ORDER BY n.name_trigrams LIMIT 1)) AS lo,
                 max((SELECT n.name_trigrams FROM search_name_postings n WHERE n.word = a.word ORDER BY n.name_trigrams DESC LIMIT 1)) AS hi
            FROM unnest(${bind(words.map((w) => w.r))}::int[], ${bind(words.map((w) => w.i))}::int[], ${bind(words.map((w) => w.word))}::text[]) AS a(r, i, word)
           GROUP BY a.r, a.i) per_word GROUP BY r) per_reading`;
      const afterRank = after ? `${bind(Math.trunc(Number(after[0])))}::int` : '';
      const start = after ? `GREATEST(r.lo, ${afterRank})` : 'r.lo';
      hits = placeByPlace(
        `(${ranks}) r, generate_series(${start}, r.hi) AS s(place)`,
        `p.id, s.place::float8 AS rank`,
        [
          anyReading(readings, (catalogWords) => `search_word_tokens(p.search_name, p.name_trigrams) && ${tokens(bind(catalogWords))}`),
          ...(after ? [`(s.place > ${afterRank} OR p.id < ${bind(after[1])}::uuid)`] : []),
          ...filtersOf(query, bind, today),
        ],
        'p.id DESC',
        bind(limit + 1),
      );
    }
    const rows = await this.db.query<Row[]>(pageOf(hits, 'ORDER BY h.rank ASC, h.id DESC', today), params);
    return rows.length > limit ? rows : null;
  }

  /**
   * A page sorted by price or date: band by band (prices 10 % wide, dates a week wide) from the
   * cheapest, the dearest or the newest, the products whose text has every word of a reading in
   * that band, from the band postings (products_price_tokens_idx, products_date_tokens_idx), until
   * the page is full — where the full statement sorts every product the words match ('keo dua':
   * 12,204 of 1,000,000).
   */
  private async byBands(
    query: ProductSearchDto,
    readings: PostingReading[],
    sort: keyof typeof BANDS,
    after: Position | undefined,
    limit: number,
  ): Promise<Row[]> {
    const { column, type, band, dir } = BANDS[sort];
    const [cmp, step, back] = dir === 'ASC' ? ['>', 1, 'DESC'] : ['<', -1, 'ASC'];
    const params: unknown[] = [];
    const bind = (value: unknown) => `$${params.push(value)}`;
    const today = bind(vietnamDate());
    const edge = (d: string) => `(SELECT ${band}(${column}) FROM products WHERE status = 'active' AND ${column} IS NOT NULL ORDER BY ${column} ${d} LIMIT 1)`;
    const afterKey = after ? `${bind(after[0])}::${type}` : '';
    const hits = placeByPlace(
      `generate_series(${after ? `${band}(${afterKey})` : edge(dir)}, ${edge(back)}, ${step}) AS s(place)`,
      `p.id, p.${column}, 0::float8 AS rank`,
      [
        anyReading(readings, (catalogWords) => `search_word_tokens(p.search_text, ${band}(p.${column})) && ${tokens(bind(catalogWords))}`),
        ...(after ? [`(p.${column}, p.id) ${cmp} (${afterKey}, ${bind(after[1])}::uuid)`] : []),
        ...filtersOf(query, bind, today),
      ],
      `p.${column} ${dir}, p.id ${dir}`,
      bind(limit + 1),
    );
    return this.db.query<Row[]>(pageOf(hits, `ORDER BY h.${column} ${dir}, h.id ${dir}`, today), params);
  }

  /** One product as a buyer sees it; drafts, archived products and suspended cooperatives answer 404. */
  async productPage(slug: string): Promise<PublicProductDto> {
    const today = vietnamDate();
    const [row] = await this.db.query<
      Array<{
        id: string;
        slug: string;
        name: string;
        description: string;
        category_id: string;
        category_name: string;
        unit: string;
        ocop_stars: number | null;
        ocop_certificate_number: string | null;
        ocop_issued_at: string | null;
        ocop_expires_at: string | null;
        ocop_status: OcopStatus | null;
        harvest_months: number[];
        shelf_life_days: number | null;
        min_price: string;
        origin_ward_code: string;
        coop_id: string;
        coop_name: string;
        coop_slug: string;
        coop_ward_code: string;
        coop_logo_key: `public/${string}` | null;
        coop_description: string | null;
      }>
    >(
      `SELECT p.id, p.slug, p.name, p.description, p.category_id, k.name_vi AS category_name, p.unit,
              p.ocop_stars, p.ocop_certificate_number, p.ocop_issued_at::text, p.ocop_expires_at::text, p.ocop_status,
              p.harvest_months, p.shelf_life_days, p.min_price, p.origin_ward_code,
              c.id AS coop_id, c.name AS coop_name, c.slug AS coop_slug, c.ward_code AS coop_ward_code,
              c.logo_key AS coop_logo_key, c.description AS coop_description
         FROM products p
         JOIN cooperatives c ON c.id = p.cooperative_id
         JOIN categories k ON k.id = p.category_id
        WHERE p.slug = $1 AND p.status = 'active' AND c.status = 'approved'`,
      [slug],
    );
    if (!row) throw AppException.notFound('product');
    const [variants, certifications, images, origin, coopWard, districts] = await Promise.all([
      this.db.getRepository(Variant).find({ where: { productId: row.id }, order: { position: 'ASC' } }),
      this.db.getRepository(ProductCertification).find({ where: { productId: row.id }, order: { position: 'ASC' } }),
      this.db.getRepository(ProductImage).find({ where: { productId: row.id }, order: { position: 'ASC' } }),
      this.units.findWard(row.origin_ward_code),
      this.units.findWard(row.coop_ward_code),
      this.units.listFormerDistricts(),
    ]);
    const ocopValid = earnsOcopBadge({ ocopStatus: row.ocop_status, ocopExpiresAt: row.ocop_expires_at }, today);
    return {
      id: row.id,
      slug: row.slug,
      name: row.name,
      description: row.description,
      categoryId: row.category_id,
      categoryName: row.category_name,
      unit: row.unit,
      ocop: ocopValid
        ? {
            stars: row.ocop_stars!,
            certificateNumber: row.ocop_certificate_number!,
            issuedAt: row.ocop_issued_at!,
            expiresAt: row.ocop_expires_at!,
            valid: true,
            status: OcopStatus.Verified,
          }
        : null,
      certifications: certifications
        .filter((c) => c.expiresAt >= today)
        .map((c) => ({ type: c.type, number: c.number, issuer: c.issuer, issuedAt: c.issuedAt, expiresAt: c.expiresAt, valid: true })),
      harvestMonths: row.harvest_months,
      shelfLifeDays: row.shelf_life_days,
      minPrice: Number(row.min_price),
      variants: variants.map((v) => ({
        id: v.id,
        sku: v.sku,
        name: v.name,
        price: v.price,
        weightGrams: v.weightGrams,
        stock: v.stock,
        stockState: v.stock === 0 ? 'out_of_stock' : v.stock < LOW_STOCK ? 'low_stock' : 'in_stock',
      })),
      images: images.map((i) => toImageDto(i, this.storage)),
      cooperative: toPublicCooperativeDto(
        { id: row.coop_id, name: row.coop_name, slug: row.coop_slug, logo_key: row.coop_logo_key, description: row.coop_description },
        coopWard,
        this.storage,
      ),
      origin: toOriginDto(row.origin_ward_code, origin, districts),
    };
  }

  /** A page's rows as the buyer sees them. */
  private toItem(r: Row): CatalogItemDto {
    const key = r.image_keys ? (r.image_keys['320'] ?? Object.values(r.image_keys)[0]) : undefined;
    return {
      id: r.id,
      slug: r.slug,
      name: r.name,
      minPrice: Number(r.min_price),
      imageUrl: key ? this.storage.publicUrl(key) : null,
      imageAspect: r.image_width && r.image_height ? Math.round((r.image_width / r.image_height) * 1000) / 1000 : null,
      cooperative: { id: r.coop_id, name: r.coop_name, slug: r.coop_slug },
      ocopStars: r.ocop_stars,
      wardCode: r.origin_ward_code,
      wardName: r.ward_name,
      categoryId: r.category_id,
      inStock: r.in_stock,
    };
  }
}

function isPosition(value: unknown): value is Position {
  return (
    Array.isArray(value) &&
    value.length === 3 &&
    (typeof value[0] === 'string' || typeof value[0] === 'number') &&
    typeof value[1] === 'string' &&
    /^[0-9a-f-]{36}$/.test(value[1]) &&
    (value[2] === 0 || value[2] === 1)
  );
}

/**
 * The filters besides the words, as conditions on products `p` (bound with `bind`; `today` the
 * bound date): the full statement and the walk of name postings apply the same ones.
 */
function filtersOf(query: ProductSearchDto, bind: (value: unknown) => string, today: string): string[] {
  const where: string[] = [];
  if (query.categoryId) {
    // The tree as an array first, so the planner sees a list of categories rather than a join.
    where.push(
      `p.category_id = ANY(ARRAY(WITH RECURSIVE tree(id) AS (SELECT ${bind(query.categoryId)}::text UNION ALL SELECT k.id FROM categories k JOIN tree ON k.parent_id = tree.id) SELECT id FROM tree))`,
    );
  }
  if (query.cooperativeId) where.push(`p.cooperative_id = ${bind(query.cooperativeId)}::uuid`);
  if (query.wardCode) where.push(`p.origin_ward_code = ${bind(query.wardCode)}`);
  if (query.formerDistrictCode)
    where.push(`p.origin_ward_code IN (SELECT code FROM wards WHERE ${bind(query.formerDistrictCode)} = ANY(former_district_codes))`);
  // Matches products_ocop_newest_idx (status = 'active' AND ocop_status = 'verified').
  if (query.ocopStars) where.push(`p.ocop_status = 'verified' AND p.ocop_stars >= ${bind(query.ocopStars)} AND p.ocop_expires_at >= ${today}::date`);
  if (query.certification) {
    where.push(
      `EXISTS (SELECT 1 FROM product_certifications pc WHERE pc.product_id = p.id AND pc.type = ${bind(query.certification)} AND pc.expires_at >= ${today}::date)`,
    );
  }
  if (query.minPrice !== undefined) where.push(`p.min_price >= ${bind(query.minPrice)}`);
  if (query.maxPrice !== undefined) where.push(`p.min_price <= ${bind(query.maxPrice)}`);
  if (query.inStock) where.push(`EXISTS (SELECT 1 FROM variants v WHERE v.product_id = p.id AND v.stock > 0)`);
  return where;
}

/** A page's items: `hits` selects the ids (and ranks) in order, from the narrowest rows it needs; the rest (first picture, stock) is read for those ids only, in the same statement. */
function pageOf(hits: string, ordering: string, today: string): string {
  return `WITH hits AS (${hits})
       SELECT p.id, p.slug, p.name, p.min_price, p.published_at::text AS published_key,
              CASE WHEN p.ocop_status = 'verified' AND p.ocop_expires_at >= ${today}::date THEN p.ocop_stars END AS ocop_stars,
              p.origin_ward_code, w.name AS ward_name, p.category_id,
              c.id AS coop_id, c.name AS coop_name, c.slug AS coop_slug, h.rank,
              i.keys AS image_keys, i.width AS image_width, i.height AS image_height,
              EXISTS (SELECT 1 FROM variants v WHERE v.product_id = p.id AND v.stock > 0) AS in_stock
         FROM hits h
         JOIN products p ON p.id = h.id
         JOIN cooperatives c ON c.id = p.cooperative_id
         JOIN wards w ON w.code = p.origin_ward_code
         LEFT JOIN LATERAL (SELECT keys, width, height FROM product_images WHERE product_id = p.id ORDER BY position LIMIT 1) i ON true
       ${ordering}`;
}

/** The tokens of the rank, price or date postings for the catalog words `words` (a bound text[]) at the place `s.place` (search_word_tokens). */
function tokens(words: string): string {
  return `ARRAY(SELECT w || ':' || s.place FROM unnest(${words}::text[]) w)`;
}

/**
 * Place by place (a rank, a price band or a week, in the page's order, from `places` as `s.place`), the
 * active products of approved cooperatives `where` holds for at that place, in `order` — up to
 * `limit` of them. PostgreSQL joins each place to its products in a nested loop (they depend on
 * it), which yields the places in the series' order: the outer LIMIT stops at the page's last
 * product and reads no further place. The cooperative is looked up per product met (few per
 * place): a semi-join would hash every cooperative again at each place.
 */
function placeByPlace(places: string, columns: string, where: string[], order: string, limit: string): string {
  return `SELECT h.* FROM ${places}
      CROSS JOIN LATERAL (
        SELECT ${columns} FROM products p
         WHERE p.status = 'active' AND (SELECT c.status FROM cooperatives c WHERE c.id = p.cooperative_id) = 'approved' AND ${where.join(' AND ')}
         ORDER BY ${order}
         LIMIT ${limit}) h
      LIMIT ${limit}`;
}

/** One of the readings holds: each of its words has one of its catalog words (`has` says where, for a bound text[]). */
function anyReading(readings: PostingReading[], has: (catalogWords: string[]) => string): string {
  return `(${readings.map((reading) => `(${reading.map(has).join(' AND ')})`).join(' OR ')})`;
}
