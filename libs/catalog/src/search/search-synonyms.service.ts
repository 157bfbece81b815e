import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AppException, AuditService, decodeCursor, DEFAULT_PAGE_SIZE, encodeCursor, isUniqueViolation, type AuthUser } from '@nongsan/core';
import type { DataSource } from 'typeorm';
import type { SearchSynonymDto, SearchSynonymInputDto, SearchSynonymPageDto, SearchSynonymQueryDto } from './search-synonyms.dto.js';

/** The search looks up terms of at most this many words. */
const MAX_TERM_WORDS = 3;

interface Row {
  id: string;
  term: string;
  means: string;
  term_key: string;
  updated_at: Date;
}

/**
 * What buyers type that the catalog says differently ("fish sauce", "bánh đa"), with what it means
 * in the catalog's words. Officials keep the list; the search reads it on every query (one indexed
 * lookup), so every API replica sees an edit at once.
 */
@Injectable()
export class SearchSynonymsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  /**
   * The words with each synonym they contain replaced by what it means (longest terms first, then
   * left to right), or null when they contain none.
   */
  async rewrite(words: string[]): Promise<string[] | null> {
    const grams: Array<{ from: number; to: number; text: string }> = [];
    for (let n = Math.min(MAX_TERM_WORDS, words.length); n >= 1; n--) {
      for (let from = 0; from + n <= words.length; from++) grams.push({ from, to: from + n, text: words.slice(from, from + n).join(' ') });
    }
    if (grams.length === 0) return null;
    const found = await this.db.query<Array<{ i: number; means_key: string }>>(
      `SELECT g.i::int AS i, s.means_key FROM unnest($1::text[]) WITH ORDINALITY AS g(text, i) JOIN search_synonyms s ON s.term_key = f_unaccent(lower(g.text)) ORDER BY g.i`,
      [grams.map((g) => g.text)],
    );
    if (found.length === 0) return null;
    const replaced = new Map<number, { to: number; means: string }>();
    const taken = new Set<number>();
    for (const { i, means_key } of found) {
      const gram = grams[i - 1];
      const span = Array.from({ length: gram.to - gram.from }, (_, k) => gram.from + k);
      if (span.some((k) => taken.has(k))) continue;
      span.forEach((k) => taken.add(k));
      replaced.set(gram.from, { to: gram.to, means: means_key });
    }
    const out: string[] = [];
    for (let k = 0; k < words.length;) {
      const replacement = replaced.get(k);
      if (replacement) {
        out.push(...replacement.means.split(/\s+/).filter(Boolean));
        k = replacement.to;
      } else out.push(words[k++]);
    }
    return out;
  }

  async list(query: SearchSynonymQueryDto): Promise<SearchSynonymPageDto> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const after = decodeCursor(query.cursor, (v): v is string => typeof v === 'string');
    const rows = await this.db.query<Row[]>(
      `SELECT id, term, means, term_key, updated_at FROM search_synonyms
        WHERE ($1::text IS NULL OR term_key LIKE '%' || f_unaccent(lower($1)) || '%' OR means_key LIKE '%' || f_unaccent(lower($1)) || '%')
          AND ($2::text IS NULL OR term_key > $2)
        ORDER BY term_key LIMIT $3`,
      [query.q ?? null, after ?? null, limit + 1],
    );
    const page = rows.slice(0, limit);
    return { items: page.map(toDto), nextCursor: rows.length > limit ? encodeCursor(page[page.length - 1].term_key) : null };
  }

  async create(actor: AuthUser, input: SearchSynonymInputDto): Promise<SearchSynonymDto> {
    return this.write(actor, 'search_synonym.created', input, (manager) =>
      manager.query(`INSERT INTO search_synonyms (term, means) VALUES ($1, $2) RETURNING id, term, means, term_key, updated_at`, [input.term, input.means]),
    );
  }

  async update(actor: AuthUser, id: string, input: SearchSynonymInputDto): Promise<SearchSynonymDto> {
    return this.write(actor, 'search_synonym.updated', input, async (manager) => {
      const [rows] = (await manager.query(
        `UPDATE search_synonyms SET term = $2, means = $3, updated_at = now() WHERE id = $1 RETURNING id, term, means, term_key, updated_at`,
        [id, input.term, input.means],
      )) as [Row[], number];
      return rows;
    });
  }

  async remove(actor: AuthUser, id: string): Promise<void> {
    await this.db.transaction(async (manager) => {
      const [rows] = (await manager.query(`DELETE FROM search_synonyms WHERE id = $1 RETURNING id, term, means`, [id])) as [Row[], number];
      if (rows.length === 0) throw AppException.notFound('searchSynonym');
      await this.audit.record(
        { actor, action: 'search_synonym.deleted', entityType: 'search_synonym', entityId: id, data: { term: rows[0].term, means: rows[0].means } },
        manager,
      );
    });
  }

  private async write(
    actor: AuthUser,
    action: string,
    input: SearchSynonymInputDto,
    change: (manager: DataSource['manager']) => Promise<Row[]>,
  ): Promise<SearchSynonymDto> {
    if (input.term.split(' ').length > MAX_TERM_WORDS) throw AppException.validation([{ field: 'term', key: 'validation.synonymWords' }]);
    const [same] = await this.db.query<Array<{ same: boolean }>>(`SELECT f_unaccent(lower($1)) = f_unaccent(lower($2)) AS same`, [input.term, input.means]);
    if (same.same) throw AppException.validation([{ field: 'means', key: 'validation.synonymSame' }]);
    try {
      return await this.db.transaction(async (manager) => {
        const [row] = await change(manager);
        if (!row) throw AppException.notFound('searchSynonym');
        await this.audit.record({ actor, action, entityType: 'search_synonym', entityId: row.id, data: { term: row.term, means: row.means } }, manager);
        return toDto(row);
      });
    } catch (error) {
      if (isUniqueViolation(error, 'search_synonyms_term_key'))
        throw AppException.validation([{ field: 'term', key: 'validation.synonymTaken', params: { term: input.term } }]);
      throw error;
    }
  }
}

const toDto = (r: Row): SearchSynonymDto => ({ id: r.id, term: r.term, means: r.means, updatedAt: r.updated_at.toISOString() });
