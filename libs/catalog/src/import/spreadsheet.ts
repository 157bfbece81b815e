import { isUtf8 } from 'node:buffer';
import { Readable } from 'node:stream';
import { createInflateRaw } from 'node:zlib';
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
  // eslint-disable-next-line no-control-regex -- control characters are what this looks for
  return /[\x00-\x08\x0b\x0c\x0e-\x1f]/.test(bytes.toString('latin1')) ? undefined : 'csv';
}

/**
 * The most an xlsx may unpack to, all entries together. A real product list of a few thousand rows
 * unpacks to a few MB; a 1.6 MB workbook whose sharedStrings.xml unpacked to 600 MB exhausted the
 * 384 MB heap of the API process that runs imports (issue #28).
 */
export const XLSX_UNPACKED_MAX_BYTES = 100 * 1024 * 1024;

/**
 * What the entries of a zip unpack to, stopping as soon as it is more than `limit`; undefined when
 * the zip cannot be read safely (no readable directory, ZIP64, entries the directory does not list,
 * sizes the local headers contradict, data that does not inflate).
 *
 * First the sizes the central directory states, before anything is inflated (a plain bomb stops
 * here). Those can lie, and exceljs inflates what the local data holds: so then every entry is
 * inflated and its bytes counted and dropped, stopping past the limit. The entries must follow one
 * another from the first byte to the directory, as a streaming reader (exceljs's unzipper) walks
 * them, so no entry hides from this count. The format: APPNOTE.TXT 4.3.7, 4.3.9, 4.3.12, 4.3.16.
 */
export async function zipUnpackedBytes(zip: Buffer, limit: number): Promise<number | undefined> {
  const directory = centralDirectory(zip);
  if (!directory) return undefined;
  const stated = directory.entries.reduce((sum, entry) => sum + entry.size, 0);
  if (stated > limit) return stated;
  let expected = 0;
  let total = 0;
  for (const entry of [...directory.entries].sort((a, b) => a.offset - b.offset)) {
    const at = entry.offset;
    if (at !== expected || at + 30 > directory.start || zip.readUInt32LE(at) !== 0x04034b50) return undefined;
    const flags = zip.readUInt16LE(at + 6);
    const method = zip.readUInt16LE(at + 8);
    const dataStart = at + 30 + zip.readUInt16LE(at + 26) + zip.readUInt16LE(at + 28);
    const dataEnd = dataStart + entry.compressedSize;
    const hasDescriptor = (flags & 0x08) !== 0;
    if (dataEnd > directory.start || method !== entry.method || (!hasDescriptor && zip.readUInt32LE(at + 18) !== entry.compressedSize)) return undefined;
    const data = zip.subarray(dataStart, dataEnd);
    const inflated = method === 0 ? data.length : method === 8 ? await inflatedLength(data, limit - total) : undefined;
    if (inflated === undefined) return undefined;
    total += inflated;
    if (total > limit) return total;
    expected = dataEnd + (hasDescriptor ? (dataEnd + 4 <= zip.length && zip.readUInt32LE(dataEnd) === 0x08074b50 ? 16 : 12) : 0);
  }
  return expected === directory.start ? total : undefined;
}

interface DirectoryEntry {
  offset: number;
  method: number;
  compressedSize: number;
  size: number;
}

function centralDirectory(zip: Buffer): { start: number; entries: DirectoryEntry[] } | undefined {
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
  const count = zip.readUInt16LE(end + 10);
  const start = zip.readUInt32LE(end + 16);
  // ZIP64: no spreadsheet we take is that large.
  if (count === 0xffff || start === 0xffffffff || start > end) return undefined;
  const entries: DirectoryEntry[] = [];
  let at = start;
  for (let i = 0; i < count; i++) {
    if (at + 46 > end || zip.readUInt32LE(at) !== 0x02014b50) return undefined;
    const entry = {
      method: zip.readUInt16LE(at + 10),
      compressedSize: zip.readUInt32LE(at + 20),
      size: zip.readUInt32LE(at + 24),
      offset: zip.readUInt32LE(at + 42),
    };
    if (entry.compressedSize === 0xffffffff || entry.size === 0xffffffff || entry.offset === 0xffffffff) return undefined;
    entries.push(entry);
    at += 46 + zip.readUInt16LE(at + 28) + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return { start, entries };
}

/** The bytes one deflated entry really inflates to, counted and dropped; past `budget` it stops. */
function inflatedLength(data: Buffer, budget: number): Promise<number | undefined> {
  return new Promise((resolve) => {
    const inflate = createInflateRaw();
    let length = 0;
    let settled = false;
    const settle = (value: number | undefined) => {
      if (settled) return;
      settled = true;
      inflate.destroy();
      resolve(value);
    };
    inflate.on('data', (chunk: Buffer) => {
      length += chunk.length;
      if (length > budget) settle(length);
    });
    inflate.on('end', () => settle(length));
    inflate.on('error', () => settle(undefined));
    inflate.end(data);
  });
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
    if ('richText' in value)
      return (value as ExcelJS.CellRichTextValue).richText
        .map((part) => part.text)
        .join('')
        .trim();
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

/** A workbook that unpacks to more than XLSX_UNPACKED_MAX_BYTES, or that cannot be counted safely. */
export class WorkbookTooLargeError extends Error {}

async function* xlsxRows(bytes: Buffer): AsyncGenerator<SheetRow> {
  // Every reader of a workbook (product imports, bank statements) passes here before exceljs inflates it.
  const unpacked = await zipUnpackedBytes(bytes, XLSX_UNPACKED_MAX_BYTES);
  if (unpacked === undefined || unpacked > XLSX_UNPACKED_MAX_BYTES) throw new WorkbookTooLargeError(`workbook unpacks to ${unpacked ?? 'an unknown size'}`);
  // Styles are needed to tell a date cell from a number.
  const workbook = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(slices(bytes)), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
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
  const firstLine = bytes
    .subarray(0, 64 * 1024)
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/, 1)[0];
  const parser = Readable.from(slices(bytes)).pipe(
    parse({ bom: true, delimiter: detectDelimiter(firstLine), relax_column_count: true, relax_quotes: true, skip_empty_lines: false }),
  );
  // Excel numbers a CSV's records, blank lines included, as its rows.
  let row = 0;
  for await (const record of parser as AsyncIterable<string[]>) yield { row: ++row, cells: record.map((cell) => cell.trim()) };
}

/** Feeds a parser in pieces, so it emits rows as they are read rather than all at once. */
function* slices(bytes: Buffer, size = 64 * 1024): Generator<Buffer> {
  for (let start = 0; start < bytes.length; start += size) yield bytes.subarray(start, start + size);
}
