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

/** A run of a query's words that may be a listed term, as the lookup's key. */
export interface TermRun {
  from: number;
  to: number;
  text: string;
}

/**
 * The runs of up to three words a listed term may be, longest first: looked up by their accent-free
 * text against `search_synonyms.term_key` (the search does it in the statement that also reads the
 * catalog's words, so every API replica sees an edit at once).
 */
export function termRuns(words: string[]): TermRun[] {
  const runs: TermRun[] = [];
  for (let n = Math.min(MAX_TERM_WORDS, words.length); n >= 1; n--) {
    for (let from = 0; from + n <= words.length; from++) runs.push({ from, to: from + n, text: words.slice(from, from + n).join(' ') });
  }
  return runs;
}

/**
 * The words with each listed term they contain replaced by what it means (longest terms first,
 * then left to right), or null when they contain none. `found`: the runs that are listed terms, by
 * their 1-based place in `runs`, with their meaning's key.
 */
export function rewriteWithSynonyms(words: string[], runs: TermRun[], found: Array<{ i: number; means: string }>): string[] | null {
  if (found.length === 0) return null;
  const replaced = new Map<number, { to: number; means: string }>();
  const taken = new Set<number>();
  for (const { i, means } of [...found].sort((a, b) => a.i - b.i)) {
    const run = runs[i - 1];
    const span = Array.from({ length: run.to - run.from }, (_, k) => run.from + k);
    if (span.some((k) => taken.has(k))) continue;
    span.forEach((k) => taken.add(k));
    replaced.set(run.from, { to: run.to, means });
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
