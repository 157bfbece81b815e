import { Injectable } from '@nestjs/common';
import { AdminUnitsService } from '@nongsan/core';
import ExcelJS from 'exceljs';
import { CategoriesService } from '../categories/categories.js';
import { IMPORT_COLUMNS, type ColumnKey } from './import-columns.js';

/** Typed as text, so Excel keeps leading zeros, does not turn "5,6" into a number nor dates into serials. */
const TEXT_COLUMNS = new Set<ColumnKey>(['productKey', 'ward', 'sku', 'ocopNumber', 'ocopIssuedAt', 'ocopExpiresAt', 'harvestMonths']);

const HOW_TO = [
  'Mỗi dòng là một phân loại (một SKU). Dòng 1 là tiêu đề: giữ nguyên tên cột; có thể bỏ các cột không bắt buộc.',
  'Các dòng cùng “Mã sản phẩm” là một sản phẩm; các dòng sau có thể để trống các cột của sản phẩm (tên, mô tả, danh mục…).',
  'Nhập lại tệp không tạo bản trùng: dòng có SKU đã có sẽ cập nhật phân loại và sản phẩm đó; dòng không đổi gì được bỏ qua.',
  'Sản phẩm mới được lưu ở dạng nháp; quản trị viên hợp tác xã đăng bán sau khi kiểm tra.',
  'Dòng có lỗi được bỏ qua và báo lại theo số dòng và tên cột; các dòng khác vẫn được lưu.',
  'Có thể lưu tệp dạng .xlsx hoặc .csv (UTF-8). Xoá hai dòng ví dụ trước khi nhập.',
];

/** The spreadsheet cooperatives fill in: one sheet to import, one explaining it. */
@Injectable()
export class ImportTemplateService {
  constructor(
    private readonly categories: CategoriesService,
    private readonly units: AdminUnitsService,
  ) {}

  async build(): Promise<Buffer> {
    const workbook = new ExcelJS.Workbook();
    workbook.creator = 'Nongsan';

    const sheet = workbook.addWorksheet('Sản phẩm', { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = IMPORT_COLUMNS.map((c) => ({
      header: c.header,
      key: c.key,
      width: Math.max(14, c.header.length + 6),
      style: TEXT_COLUMNS.has(c.key) ? { numFmt: '@' } : {},
    }));
    const header = sheet.getRow(1);
    header.font = { bold: true };
    IMPORT_COLUMNS.forEach((c, i) => {
      if (c.required) header.getCell(i + 1).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFCE4D6' } };
    });
    for (const example of [0, 1] as const) sheet.addRow(IMPORT_COLUMNS.map((c) => c.examples[example]));

    const guide = workbook.addWorksheet('Hướng dẫn');
    guide.columns = [{ width: 28 }, { width: 100, style: { alignment: { wrapText: true, vertical: 'top' } } }];
    const heading = (text: string) => {
      guide.addRow([]);
      guide.addRow([text]).font = { bold: true, size: 12 };
    };
    guide.addRow(['Nhập sản phẩm từ bảng tính']).font = { bold: true, size: 14 };
    for (const line of HOW_TO) guide.addRow(['', line]);
    heading('Các cột (tô màu: bắt buộc)');
    for (const c of IMPORT_COLUMNS) guide.addRow([c.header, `${c.required ? 'Bắt buộc. ' : ''}${c.guide}`]);
    heading('Danh mục: mã (hoặc tên)');
    const categories = await this.categories.list();
    const names = new Map(categories.map((c) => [c.id, c.name]));
    for (const c of categories) guide.addRow([c.id, c.parentId ? `${names.get(c.parentId)} › ${c.name}` : c.name]);
    heading('Mã phường/xã');
    for (const w of await this.units.listWards()) guide.addRow([w.code, `${w.type} ${w.name}`]);

    return Buffer.from(await workbook.xlsx.writeBuffer());
  }
}
