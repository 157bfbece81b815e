import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AppConfig, vietnamDate, type AuthUser } from '@nongsan/core';
import ExcelJS from 'exceljs';
import type { DataSource } from 'typeorm';

const VND = '#,##0" ₫"';

interface TaxRow {
  at: Date;
  order_id: string;
  refund_id: string | null;
  kind: 'vat_withheld' | 'pit_withheld';
  amount: string;
  tax_base: string;
  cooperative_id: string;
  name: string;
  tax_code: string;
  address_line: string;
  ward_code: string;
}

/** One order's withholding, or one refund's offset of it: VAT and PIT together, as the declaration lists them. */
interface Movement {
  at: Date;
  orderId: string;
  offset: boolean;
  seller: { id: string; name: string; taxCode: string; address: string };
  revenue: number;
  vat: number;
  pit: number;
}

/**
 * The month's tax withheld on household sellers' orders (Decree 117/2025/NĐ-CP), as the workbook
 * the platform files its declaration from: one row per seller (revenue, VAT and PIT withheld, net
 * of refunds), then every withholding and offset. Months are Vietnam's calendar months.
 */
@Injectable()
export class TaxWithholdingExport {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly config: AppConfig,
  ) {}

  async workbook(month: string, user: AuthUser): Promise<Buffer> {
    const rows = await this.db.query<TaxRow[]>(
      `SELECT l.created_at AS at, l.order_id, l.refund_id, l.kind, l.amount, l.tax_base,
              c.id AS cooperative_id, c.name, c.tax_code, c.address_line, c.ward_code
         FROM payout_ledger l JOIN cooperatives c ON c.id = l.cooperative_id
        WHERE l.kind IN ('vat_withheld', 'pit_withheld')
          AND l.created_at >= (($1 || '-01')::date::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh')
          AND l.created_at < ((($1 || '-01')::date + interval '1 month')::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh')
        ORDER BY l.created_at, l.order_id, l.id`,
      [month],
    );
    const movements = new Map<string, Movement>();
    for (const r of rows) {
      const key = `${r.order_id}:${r.refund_id ?? ''}`;
      const m = movements.get(key) ?? {
        at: r.at,
        orderId: r.order_id,
        offset: r.refund_id !== null,
        seller: { id: r.cooperative_id, name: r.name, taxCode: r.tax_code, address: `${r.address_line}, ${r.ward_code}` },
        revenue: Number(r.tax_base),
        vat: 0,
        pit: 0,
      };
      // The ledger holds what the seller is owed: withheld tax is negative there, an offset positive.
      m[r.kind === 'vat_withheld' ? 'vat' : 'pit'] -= Number(r.amount);
      movements.set(key, m);
    }

    const book = new ExcelJS.Workbook();
    book.creator = 'Nông sản Bình Định';
    book.created = new Date();
    const [year, mm] = month.split('-');
    const { vatBps, pitBps } = this.config.taxWithholding;
    const heading = [
      [`Thuế khấu trừ, nộp thay hộ kinh doanh — tháng ${mm}/${year} (Nghị định 117/2025/NĐ-CP)`],
      [
        `Tỷ lệ trên doanh thu hàng hoá: GTGT ${vatBps / 100} %, TNCN ${pitBps / 100} %. Lập lúc ${new Date().toLocaleString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh' })}, người lập ${user.email}.`,
      ],
      [],
    ];

    const summary = book.addWorksheet('Tổng hợp');
    summary.addRows(heading);
    summary.addRow([
      'Người bán',
      'MST / Số định danh',
      'Địa chỉ',
      'Số đơn',
      'Doanh thu (đồng)',
      'Thuế GTGT (đồng)',
      'Thuế TNCN (đồng)',
      'Tổng thuế (đồng)',
    ]).font = { bold: true };
    const sellers = new Map<string, { seller: Movement['seller']; orders: Set<string>; revenue: number; vat: number; pit: number }>();
    for (const m of movements.values()) {
      const s = sellers.get(m.seller.id) ?? { seller: m.seller, orders: new Set<string>(), revenue: 0, vat: 0, pit: 0 };
      if (!m.offset) s.orders.add(m.orderId);
      s.revenue += m.revenue;
      s.vat += m.vat;
      s.pit += m.pit;
      sellers.set(m.seller.id, s);
    }
    const totals = { orders: 0, revenue: 0, vat: 0, pit: 0 };
    for (const s of [...sellers.values()].sort((a, b) => a.seller.name.localeCompare(b.seller.name, 'vi'))) {
      summary.addRow([s.seller.name, s.seller.taxCode, s.seller.address, s.orders.size, s.revenue, s.vat, s.pit, s.vat + s.pit]);
      totals.orders += s.orders.size;
      totals.revenue += s.revenue;
      totals.vat += s.vat;
      totals.pit += s.pit;
    }
    summary.addRow(['Tổng cộng', '', '', totals.orders, totals.revenue, totals.vat, totals.pit, totals.vat + totals.pit]).font = { bold: true };
    summary.columns.forEach((column, i) => {
      column.width = [36, 18, 40, 10, 18, 18, 18, 18][i];
      if (i >= 4) column.numFmt = VND;
    });

    const detail = book.addWorksheet('Chi tiết');
    detail.addRows(heading);
    detail.addRow([
      'Ngày (giờ Việt Nam)',
      'Mã đơn',
      'Người bán',
      'MST / Số định danh',
      'Loại',
      'Doanh thu (đồng)',
      'Thuế GTGT (đồng)',
      'Thuế TNCN (đồng)',
    ]).font = { bold: true };
    for (const m of movements.values()) {
      const day = vietnamDate(m.at);
      detail.addRow([day, m.orderId, m.seller.name, m.seller.taxCode, m.offset ? 'Giảm trừ do hoàn tiền' : 'Khấu trừ', m.revenue, m.vat, m.pit]);
    }
    detail.columns.forEach((column, i) => {
      column.width = [20, 38, 36, 18, 22, 18, 18, 18][i];
      if (i >= 5) column.numFmt = VND;
    });
    return Buffer.from(await book.xlsx.writeBuffer());
  }
}
