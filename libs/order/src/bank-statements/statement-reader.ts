import { readRows, type SpreadsheetFormat } from '@nongsan/catalog';
import type { FieldIssue, JobIssue } from '@nongsan/core';
import { fingerprintOf, layoutOf, missingColumns, parseBankDate, parseVnd, type StatementColumn, type StatementLayout } from './statement-columns.js';

/** Banks put the account, the period and a title above the table: the header is looked for in the first rows. */
const HEADER_SEARCH_ROWS = 30;

export interface StatementLine {
  row: number;
  bookedOn: string;
  amount: number;
  description: string;
  bankReference: string | null;
  fingerprint: string;
}

const MISSING_KEYS: Record<StatementColumn, string> = {
  date: 'validation.statementDateMissing',
  credit: 'validation.statementCreditMissing',
  description: 'validation.statementDescriptionMissing',
  bankReference: 'validation.invalid',
};

/** The header row and where each column is; otherwise the columns the best candidate row lacked, one issue each. */
export interface StatementHeader {
  row: number;
  cells: string[];
  layout: StatementLayout;
}

export async function findHeader(format: SpreadsheetFormat, bytes: Buffer): Promise<StatementHeader | { missing: FieldIssue[] }> {
  let best: StatementColumn[] = ['date', 'credit', 'description'];
  for await (const { row, cells } of readRows(format, bytes)) {
    if (row > HEADER_SEARCH_ROWS) break;
    const layout = layoutOf(cells);
    const missing = missingColumns(layout);
    if (missing.length === 0) return { row, cells, layout };
    if (missing.length < best.length) best = missing;
  }
  return { missing: best.map((column) => ({ field: 'file', key: MISSING_KEYS[column] })) };
}

/**
 * The credit lines below the header. Lines without a credit (debits), and rows without a date
 * (sub-totals, the closing balance) are not transfers in and are passed over; a credit whose date
 * or amount cannot be read is reported with its row.
 */
export async function readStatement(
  format: SpreadsheetFormat,
  bytes: Buffer,
  header: StatementHeader,
): Promise<{ lines: StatementLine[]; issues: JobIssue[] }> {
  const lines: StatementLine[] = [];
  const issues: JobIssue[] = [];
  const { layout } = header;
  // Problems name the column as the file heads it.
  const labels = { date: header.cells[layout.date!], credit: header.cells[layout.credit!] };
  for await (const { row, cells } of readRows(format, bytes)) {
    if (row <= header.row) continue;
    const cell = (column: StatementColumn) => (layout[column] === undefined ? '' : (cells[layout[column]] ?? '').trim());
    const amount = parseVnd(cell('credit'));
    const bookedOn = parseBankDate(cell('date'));
    if (amount === 0 || (amount === undefined && !bookedOn)) continue;
    if (amount === undefined) {
      issues.push({ row, field: labels.credit, key: 'validation.statementAmount' });
      continue;
    }
    if (!bookedOn) {
      if (cell('date') !== '') issues.push({ row, field: labels.date, key: 'validation.statementDate' });
      continue;
    }
    const line = { bookedOn, amount, description: cell('description'), bankReference: cell('bankReference') || null };
    lines.push({ row, ...line, fingerprint: fingerprintOf(line) });
  }
  return { lines, issues };
}
