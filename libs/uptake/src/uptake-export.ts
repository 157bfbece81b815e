import { Injectable } from '@nestjs/common';
import ExcelJS from 'exceljs';
import type { AuthUser } from '@nongsan/core';
import { UptakeReports, type Period } from './uptake-reports.service.js';

const VND = '#,##0" ₫"';
const SHARE = '0.0%';
const STEP_NAMES: Record<string, string> = {
  registered: 'Đăng ký',
  submitted: 'Gửi hồ sơ',
  approved: 'Được duyệt',
  first_product: 'Có sản phẩm đầu tiên',
  first_channel: 'Kết nối sàn đầu tiên',
  first_order: 'Có đơn hàng đầu tiên',
};

/**
 * The workbook an official pastes into a report to the province: a cover sheet saying what it
 * covers, then one sheet per view, Vietnamese headers, đồng formatted as money.
 */
@Injectable()
export class UptakeExport {
  constructor(private readonly uptake: UptakeReports) {}

  async workbook(period: Period, user: AuthUser): Promise<Buffer> {
    const [summary, funnel, localities, channels, health, monthly] = await Promise.all([
      this.uptake.summary(period),
      this.uptake.funnel(period),
      this.uptake.localities(period),
      this.uptake.channels(period),
      this.uptake.syncHealth(period),
      this.uptake.timeseries(period, { metric: 'gmv', interval: 'month', by: 'channel' }),
    ]);
    const book = new ExcelJS.Workbook();
    book.creator = 'Nông sản Bình Định';
    book.created = new Date();

    const cover = book.addWorksheet('Bìa');
    cover.columns = [{ width: 28 }, { width: 48 }];
    cover.addRows([
      ['Báo cáo kết quả đưa nông sản lên thương mại điện tử'],
      [],
      ['Từ ngày', period.from],
      ['Đến ngày', period.to],
      ['Phường/xã', period.wardCode ?? 'Tất cả'],
      ['Huyện cũ', period.formerDistrictCode ?? 'Tất cả'],
      ['Lập lúc', new Date().toLocaleString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh' })],
      ['Người lập', user.email ?? user.id],
    ]);
    cover.getRow(1).font = { bold: true, size: 14 };

    const overview = book.addWorksheet('Tổng quan');
    overview.columns = [
      { header: 'Chỉ tiêu', width: 48 },
      { header: 'Giá trị', width: 20 },
    ];
    overview.addRows([
      ['HTX đã đăng ký', summary.cooperatives.registered],
      ['HTX đã gửi hồ sơ', summary.cooperatives.submitted],
      ['HTX được duyệt', summary.cooperatives.approved],
      ['HTX có sản phẩm đang bán', summary.cooperatives.withActiveProducts],
      ['HTX có kết nối sàn ngoài', summary.cooperatives.withExternalChannel],
      ['HTX có đơn hàng trong kỳ', summary.cooperatives.withSalesInPeriod],
      ['Sản phẩm đang bán', summary.products.active],
      ['Sản phẩm OCOP', summary.products.ocop],
      ['Sản phẩm OCOP đang bán trực tuyến', summary.products.ocopOnline],
      ['Số đơn hàng trong kỳ', summary.orders.count],
      ['Giá trị hàng hoá (GMV) trong kỳ', summary.orders.gmv],
      ['Lượt truy cập sàn trong kỳ (toàn tỉnh)', summary.visits],
    ]);
    overview.getCell('B12').numFmt = VND;
    header(overview);

    const byChannel = book.addWorksheet('Theo kênh');
    byChannel.columns = [
      { header: 'Kênh', width: 28 },
      { header: 'HTX', width: 10 },
      { header: 'Gian hàng kết nối', width: 18 },
      // Products, as "Sản phẩm đang bán" in Tổng quan and the locality sheets; a listing is one variant.
      { header: 'Sản phẩm đang bán', width: 20 },
      { header: 'Phân loại đang niêm yết', width: 22 },
      { header: 'Lỗi đồng bộ', width: 14 },
      { header: 'Đơn hàng', width: 12 },
      { header: 'GMV (đồng)', width: 20, style: { numFmt: VND } },
    ];
    for (const c of channels.channels)
      byChannel.addRow([c.name, c.cooperatives, c.connections, c.products, c.listings.synced ?? 0, c.listings.failed ?? 0, c.orders, c.gmv]);
    header(byChannel);

    const steps = book.addWorksheet('Phễu');
    steps.columns = [
      { header: 'Bước', width: 28 },
      { header: 'Số HTX', width: 12 },
      { header: 'Tỷ lệ chuyển', width: 14, style: { numFmt: SHARE } },
      { header: 'Số ngày (trung vị)', width: 18 },
    ];
    for (const s of funnel.steps) steps.addRow([STEP_NAMES[s.step], s.count, s.conversion, s.medianDays]);
    header(steps);

    for (const [title, rows] of [
      ['Theo huyện cũ', localities.formerDistricts],
      ['Theo phường xã', localities.wards],
    ] as const) {
      const sheet = book.addWorksheet(title);
      sheet.columns = [
        { header: 'Mã', width: 8 },
        { header: 'Tên', width: 24 },
        { header: 'HTX', width: 8 },
        { header: 'Được duyệt', width: 12 },
        { header: 'Đang bán trực tuyến', width: 20 },
        { header: 'Tỷ lệ trực tuyến', width: 16, style: { numFmt: SHARE } },
        { header: 'OCOP trực tuyến', width: 16 },
        { header: 'Tổng OCOP', width: 12 },
        { header: 'GMV (đồng)', width: 20, style: { numFmt: VND } },
        { header: 'Sản phẩm đang bán', width: 20 },
      ];
      for (const l of rows)
        sheet.addRow([l.code, l.name, l.cooperatives, l.approved, l.online, l.onlineShare, l.ocopOnline, l.ocopTotal, l.gmv, l.activeProducts]);
      header(sheet);
    }

    const months = book.addWorksheet('GMV theo tháng');
    months.columns = [
      { header: 'Kênh', width: 28 },
      ...monthly.buckets.map((b) => ({ header: `Tháng ${b.slice(5, 7)}/${b.slice(0, 4)}`, width: 18, style: { numFmt: VND } })),
    ];
    for (const s of monthly.series) months.addRow([s.name, ...s.values]);
    header(months);

    const sync = book.addWorksheet('Đồng bộ');
    sync.columns = [
      { header: 'Sàn', width: 16 },
      { header: 'Sản phẩm niêm yết', width: 18 },
      { header: 'Lỗi', width: 10 },
      { header: 'Tỷ lệ lỗi', width: 12, style: { numFmt: SHARE } },
      { header: 'Bỏ cuộc sau nhiều lần thử', width: 24 },
      { header: 'Lỗi thường gặp', width: 80 },
    ];
    for (const p of health.platforms)
      sync.addRow([p.platform, p.listings, p.failed, p.failureRate, p.deadLettered, p.topErrors.map((e) => `${e.message} (${e.listings})`).join('\n')]);
    header(sync);

    return Buffer.from(await book.xlsx.writeBuffer());
  }
}

function header(sheet: ExcelJS.Worksheet): void {
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
}
