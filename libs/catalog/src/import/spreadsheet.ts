import { isUtf8 } from 'node:buffer';
import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';

export type SpreadsheetFormat = 'xlsx' | 'csv';

/** A non-empty row of the first sheet; `row` is the number Excel shows for it (header = 1). */
export interface SheetRow {
  row: number;
  cells: string[];
}

const ZIP_SIGNATURE = Buffer.from('PK\x03\x04', 'latin1');

/**
 * What an uploaded spreadsheet is, by its bytes: xlsx is a ZIP; a CSV is UTF-8 text (an old .xls,
 * a PDF or a UTF-16 "Unicode text" export is not). Undefined when it is neither.
 */
export function sniffSpreadsheet(bytes: Buffer): SpreadsheetFormat | undefined {
  if (bytes.subarray(0, 4).equals(ZIP_SIGNATURE)) return 'xlsx';
  if (!isUtf8(bytes)) return undefined;
  // Control characters other than tab and line breaks mean binary data that happens to decode.
  return /[\x00-\x08\x0b\x0c\x0e-\x1f]/.test(bytes.toString('latin1')) ? undefined : 'csv';
}

/**
 * The most an xlsx may unpack to, all entries together. A real product list of a few thousand rows
 * unpacks to a few MB; a 1.6 MB workbook whose sharedStrings.xml unpacked to 600 MB exhausted the
 * 384 MB heap of the API process that runs imports (issue #28).
 */
export const XLSX_UNPACKED_MAX_BYTES = 100 * 1024 * 1024;

/**
 * What the entries of a zip unpack to, as its central directory states, read before any entry is
 * inflated; undefined when there is no readable directory (a cut-off file), Infinity when it
 * uses ZIP64 (no spreadsheet we take is that large). No installed, typed package gives this without inflating (exceljs's unzipper is
 * not a declared dependency of ours); the format is short: APPNOTE.TXT 4.3.12 and 4.3.16.
 */
export function zipUnpackedBytes(zip: Buffer): number | undefined {
  // The end-of-central-directory record is in the last 22 bytes + up to 64 KB of comment.
  const from = Math.max(0, zip.length - 22 - 0xffff);
  let end = -1;
  for (let at = zip.length - 22; at >= from; at--) {
    if (zip.readUInt32LE(at) === 0x06054b50) {
      end = at;
      break;
    }
  }
  if (end < 0) return undefined;
  const entries = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  if (entries === 0xffff || at === 0xffffffff) return Infinity;
  let total = 0;
  for (let i = 0; i < entries; i++) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== 0x02014b50) return undefined;
    const size = zip.readUInt32LE(at + 24);
    if (size === 0xffffffff) return Infinity;
    total += size;
    at += 46 + zip.readUInt16LE(at + 28) + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return total;
}

/** Excel saves CSV with the list separator of the computer's region: ";" on Vietnamese Windows, "," elsewhere. */
export function detectDelimiter(firstLine: string): ',' | ';' | '\t' {
  const candidates = [',', ';', '\t'] as const;
  const counts = candidates.map((d) => firstLine.split(d).length - 1);
  const best = counts.indexOf(Math.max(...counts));
  return counts[best] > 0 ? candidates[best] : ',';
}

/** What a cell shows, as text: dates as YYYY-MM-DD, formulas by their result, rich text flattened. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return (value as ExcelJS.CellRichTextValue).richText.map((part) => part.text).join('').trim();
    if ('result' in value) return cellText((value as ExcelJS.CellFormulaValue).result);
    if ('text' in value) return cellText((value as ExcelJS.CellHyperlinkValue).text);
    if ('error' in value) return String((value as ExcelJS.CellErrorValue).error);
    return '';
  }
  return String(value).trim();
}

/**
 * The non-empty rows of the first sheet, streamed: an upload is at most a few MB of bytes, but its
 * rows as objects would be many times that.
 */
export async function* readRows(format: SpreadsheetFormat, bytes: Buffer): AsyncGenerator<SheetRow> {
  for await (const row of format === 'xlsx' ? xlsxRows(bytes) : csvRows(bytes)) {
    if (row.cells.some((cell) => cell !== '')) yield row;
  }
}

async function* xlsxRows(bytes: Buffer): AsyncGenerator<SheetRow> {
  // Styles are needed to tell a date cell from a number.
  const workbook = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(slices(bytes)), { worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore' });
  let first = true;
  for await (const sheet of workbook) {
    // Later sheets (the template's "Hướng dẫn") are read through, not imported.
    for await (const row of sheet) {
      if (!first) continue;
      const values = row.values as unknown[];
      yield { row: row.number, cells: Array.from({ length: Math.max(values.length - 1, 0) }, (_, i) => cellText(values[i + 1])) };
    }
    first = false;
  }
}

async function* csvRows(bytes: Buffer): AsyncGenerator<SheetRow> {
  const firstLine = bytes.subarray(0, 64 * 1024).toString('utf8').replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0];
  const parser = Readable.from(slices(bytes)).pipe(parse({ bom: true, delimiter: detectDelimiter(firstLine), relax_column_count: true, relax_quotes: true, skip_empty_lines: false }));
  // Excel numbers a CSV's records, blank lines included, as its rows.
  let row = 0;
  for await (const record of parser as AsyncIterable<string[]>) yield { row: ++row, cells: record.map((cell) => cell.trim()) };
}

/** Feeds a parser in pieces, so it emits rows as they are read rather than all at once. */
function* slices(bytes: Buffer, size = 64 * 1024): Generator<Buffer> {
  for (let start = 0; start < bytes.length; start += size) yield bytes.subarray(start, start + size);
}
