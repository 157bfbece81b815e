import { createHash } from 'node:crypto';
import { normalizeLabel } from '@nongsan/catalog';

/** The columns a statement needs (`bankReference` helps tell two like lines apart, when the bank gives one). */
export type StatementColumn = 'date' | 'credit' | 'description' | 'bankReference';
export const REQUIRED_COLUMNS: readonly StatementColumn[] = ['date', 'credit', 'description'];

/**
 * Headers as Vietnamese banks write them in their exports (Vietcombank, VietinBank, BIDV,
 * Agribank, Techcombank, MB, ACB…, often with the English under the Vietnamese in one cell),
 * compared without accents or case, as whole words; the most specific first, so "Ngày giao dịch"
 * wins over a plain "Ngày" and "Số tiền ghi có" over "Có".
 */
const HEADERS: Record<StatementColumn, string[]> = {
  date: ['ngay giao dich', 'ngay gd', 'ngay hach toan', 'ngay hieu luc', 'transaction date', 'posting date', 'effective date', 'value date', 'ngay', 'date'],
  credit: ['so tien ghi co', 'so tien co', 'phat sinh co', 'ghi co', 'tien vao', 'credit amount', 'credit', 'co'],
  description: [
    'noi dung giao dich',
    'noi dung chuyen khoan',
    'noi dung',
    'dien giai',
    'mo ta',
    'transaction description',
    'description',
    'details',
    'remarks',
    'narrative',
  ],
  bankReference: [
    'so tham chieu',
    'ma giao dich',
    'so giao dich',
    'so but toan',
    'ma gd',
    'so ct',
    'reference number',
    'reference',
    'ref no',
    'transaction id',
    'transaction no',
  ],
};

/** Where each column is, by its index in the row. */
export type StatementLayout = Partial<Record<StatementColumn, number>>;

const hasWords = (label: string, words: string) => ` ${label} `.includes(` ${words} `);

/** The columns found in a header row; each cell serves one column, the required ones first. */
export function layoutOf(cells: string[]): StatementLayout {
  const labels = cells.map(normalizeLabel);
  const layout: StatementLayout = {};
  const taken = new Set<number>();
  for (const column of [...REQUIRED_COLUMNS, 'bankReference'] as StatementColumn[]) {
    for (const words of HEADERS[column]) {
      const index = labels.findIndex((label, i) => !taken.has(i) && label !== '' && hasWords(label, words));
      if (index >= 0) {
        layout[column] = index;
        taken.add(index);
        break;
      }
    }
  }
  return layout;
}

export const missingColumns = (layout: StatementLayout): StatementColumn[] => REQUIRED_COLUMNS.filter((c) => layout[c] === undefined);

/**
 * Whole đồng from a bank's amount: "1.250.000", "1,250,000", "1250000", "1.250.000,00",
 * "1250000.00", "+ 150.000 VND". Groups of three are thousands; two digits after the last
 * separator are xu, which must be zero (VND has none). Undefined when it is not an amount;
 * 0 for an empty cell (a debit line's credit).
 */
export function parseVnd(text: string): number | undefined {
  const cleaned = text.replace(/\s|vnd|đ|₫/gi, '').replace(/^\+/, '');
  if (cleaned === '' || cleaned === '-') return 0;
  if (!/^\d[\d.,]*$/.test(cleaned)) return undefined;
  let digits = cleaned;
  const decimals = /[.,](\d{1,2})$/.exec(cleaned);
  if (decimals) {
    if (Number(decimals[1]) !== 0) return undefined;
    digits = cleaned.slice(0, decimals.index);
  }
  const groups = digits.split(/[.,]/);
  if (groups.length > 1 && (groups[0].length > 3 || groups.slice(1).some((g) => g.length !== 3))) return undefined;
  const amount = Number(groups.join(''));
  return Number.isSafeInteger(amount) ? amount : undefined;
}

/** A bank's date as YYYY-MM-DD: "2026-12-05", "05/12/2026", "05-12-2026 14:03:11", "05/12/26". */
export function parseBankDate(text: string): string | undefined {
  const iso = /^(\d{4})-(\d{2})-(\d{2})/.exec(text.trim());
  const vn = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})(?:\s|$)/.exec(text.trim());
  const parts = iso
    ? [Number(iso[1]), Number(iso[2]), Number(iso[3])]
    : vn
      ? [Number(vn[3].length === 2 ? `20${vn[3]}` : vn[3]), Number(vn[2]), Number(vn[1])]
      : undefined;
  if (!parts) return undefined;
  const [year, month, day] = parts;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return date.toISOString().slice(0, 10);
}

/** Checkout references (NS + 8 of Crockford's base32) in a transfer description, whatever the bank added around them. */
export function referencesIn(description: string): string[] {
  return [...new Set(description.toUpperCase().match(/NS[0-9A-HJKMNP-TV-Z]{8}(?![0-9A-Z])/g) ?? [])];
}

/** The same bank line in any file, however the export spaced or cased it. */
export function fingerprintOf(line: { bookedOn: string; amount: number; description: string; bankReference: string | null }): string {
  const text = (s: string) => s.replace(/\s+/g, ' ').trim().toUpperCase();
  return createHash('sha256')
    .update([line.bookedOn, line.amount, text(line.description), text(line.bankReference ?? '')].join('|'))
    .digest('hex');
}
