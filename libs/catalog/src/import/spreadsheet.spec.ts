import ExcelJS from 'exceljs';
import { xlsxZipBomb } from '../../../../test/harness/zip-bomb.js';
import {
  cellText,
  detectDelimiter,
  readRows,
  sniffSpreadsheet,
  WorkbookTooLargeError,
  XLSX_UNPACKED_MAX_BYTES,
  zipUnpackedBytes,
  type SheetRow,
} from './spreadsheet.js';

async function collect(rows: AsyncIterable<SheetRow>): Promise<SheetRow[]> {
  const out: SheetRow[] = [];
  for await (const row of rows) out.push(row);
  return out;
}

describe('sniffSpreadsheet', () => {
  it('calls a ZIP xlsx and UTF-8 text csv, with or without BOM', () => {
    expect(sniffSpreadsheet(Buffer.from('PK\x03\x04rest', 'latin1'))).toBe('xlsx');
    expect(sniffSpreadsheet(Buffer.from('SKU;Giá (đồng)\r\nA;1\r\n'))).toBe('csv');
    expect(sniffSpreadsheet(Buffer.from('\uFEFFSKU,Tồn kho\tx\n'))).toBe('csv');
  });

  it('refuses binary files and text in other encodings', () => {
    expect(sniffSpreadsheet(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]))).toBeUndefined();
    expect(sniffSpreadsheet(Buffer.from('SKU,Giá', 'utf16le'))).toBeUndefined();
    expect(sniffSpreadsheet(Buffer.from('SKU,Gi\xe1', 'latin1'))).toBeUndefined();
    expect(sniffSpreadsheet(Buffer.from('%PDF-1.4\n\x01\x02'))).toBeUndefined();
  });
});

const LIMIT = 8 * 1024 * 1024;

describe('zipUnpackedBytes', () => {
  it('adds up what the entries of a real workbook unpack to', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Sản phẩm').addRow(['SKU', 'Tên sản phẩm']);
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    const unpacked = await zipUnpackedBytes(bytes, LIMIT);
    expect(unpacked).toBeGreaterThan(bytes.length);
    expect(unpacked).toBeLessThan(100_000);
  });

  it('answers undefined for what is not a readable zip, a workbook cut in half included', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Sản phẩm').addRow(['SKU']);
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    expect(await zipUnpackedBytes(bytes.subarray(0, bytes.length >> 1), LIMIT)).toBeUndefined();
    expect(await zipUnpackedBytes(Buffer.from('PK\x03\x04 not really a zip', 'latin1'), LIMIT)).toBeUndefined();
    expect(await zipUnpackedBytes(Buffer.alloc(0), LIMIT)).toBeUndefined();
  });

  it('stops a bomb from its directory without inflating, and one whose directory understates its sizes by inflating past the limit', async () => {
    // The stated sizes, all entries together: over the limit before anything is inflated.
    expect(await zipUnpackedBytes(xlsxZipBomb(3 * LIMIT), LIMIT)).toBeGreaterThan(3 * LIMIT);
    // Issue #28: every size the directory and the local headers state is 1 KB; the data unpacks to 3× the limit.
    const liar = xlsxZipBomb(3 * LIMIT, { statedSize: 1024 });
    const counted = await zipUnpackedBytes(liar, LIMIT);
    expect(counted).toBeGreaterThan(LIMIT);
    expect(counted).toBeLessThan(LIMIT + 1024 * 1024);
    // Under the limit, the real size is what counts, whatever was stated.
    const honest = await zipUnpackedBytes(xlsxZipBomb(LIMIT >> 1, { statedSize: 1024 }), LIMIT);
    expect(honest).toBeGreaterThan(LIMIT >> 1);
    expect(honest).toBeLessThan((LIMIT >> 1) + 4096);
  });

  it('guards every reader: readRows refuses a lying bomb before exceljs inflates it', async () => {
    const liar = xlsxZipBomb(XLSX_UNPACKED_MAX_BYTES + 1024 * 1024, { statedSize: 1024 });
    await expect(collect(readRows('xlsx', liar))).rejects.toBeInstanceOf(WorkbookTooLargeError);
  });

  it('refuses an entry the directory does not list, which a streaming reader would still inflate', async () => {
    const hidden = xlsxZipBomb(1024, { hiddenEntry: true });
    expect(await zipUnpackedBytes(hidden, LIMIT)).toBeUndefined();
  });
});

describe('detectDelimiter', () => {
  it('takes the separator the header uses most, comma when there is none', () => {
    expect(detectDelimiter('Mã sản phẩm;Tên sản phẩm;Giá (đồng)')).toBe(';');
    expect(detectDelimiter('Mã sản phẩm,Tên sản phẩm,Giá (đồng)')).toBe(',');
    expect(detectDelimiter('SKU\tTồn kho')).toBe('\t');
    expect(detectDelimiter('SKU')).toBe(',');
  });
});

describe('cellText', () => {
  it('reads what the cell shows', () => {
    expect(cellText(null)).toBe('');
    expect(cellText('  Rượu  ')).toBe('Rượu');
    expect(cellText(150000)).toBe('150000');
    expect(cellText(new Date(Date.UTC(2024, 2, 15)))).toBe('2024-03-15');
    expect(cellText({ richText: [{ text: 'Chai ' }, { text: '500 ml' }] })).toBe('Chai 500 ml');
    expect(cellText({ formula: 'A1*2', result: 300000 })).toBe('300000');
    expect(cellText({ text: 'Trang HTX', hyperlink: 'https://example.vn' })).toBe('Trang HTX');
  });
});

describe('readRows', () => {
  it('numbers CSV rows as Excel does: blank lines count, quoted line breaks do not', async () => {
    const csv = Buffer.from('\uFEFFSKU;Mô tả\r\nA-1;"Hai\r\ndòng"\r\n\r\nA-2;"có ; chấm phẩy"\r\n');
    expect(await collect(readRows('csv', csv))).toEqual([
      { row: 1, cells: ['SKU', 'Mô tả'] },
      { row: 2, cells: ['A-1', 'Hai\r\ndòng'] },
      { row: 4, cells: ['A-2', 'có ; chấm phẩy'] },
    ]);
  });

  it('streams the first sheet of a workbook with Excel row numbers and dates as ISO', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Sản phẩm');
    sheet.addRow(['SKU', 'Ngày cấp OCOP', 'Giá (đồng)']);
    sheet.addRow(['A-1', new Date(Date.UTC(2024, 2, 15)), 150000]);
    sheet.getCell('A4').value = 'A-2';
    sheet.getCell('C4').value = 90000;
    workbook.addWorksheet('Hướng dẫn').addRow(['not imported']);
    const rows = await collect(readRows('xlsx', Buffer.from(await workbook.xlsx.writeBuffer())));
    expect(rows).toEqual([
      { row: 1, cells: ['SKU', 'Ngày cấp OCOP', 'Giá (đồng)'] },
      { row: 2, cells: ['A-1', '2024-03-15', '150000'] },
      { row: 4, cells: ['A-2', '', '90000'] },
    ]);
  });
});
