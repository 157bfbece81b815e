import { Role } from '@nongsan/core';
import ExcelJS from 'exceljs';
import { createTestApp, signIn, signInCollector, type Session, type TestApp } from './harness/app.js';
import { createSellableVariant } from './harness/catalog-fixtures.js';
import { approveCooperative, createCooperative, PDF } from './harness/fixtures.js';

const address = { fullName: 'Lý Thị Mai', phone: '0905 999 000', addressLine: '20 Trần Phú', wardCode: '21583' };
/** The Vietnam calendar month of a moment, as the export names it. */
const vietnamMonth = (at: Date) => at.toLocaleDateString('sv-SE', { timeZone: 'Asia/Ho_Chi_Minh' }).slice(0, 7);

describe('household businesses: their papers, and the tax withheld on their orders (Decree 117/2025)', () => {
  let t: TestApp;
  let official: Session;
  let collector: Session;
  let owner: Session;
  let buyer: Session;
  let household: string;
  let variantId: string;
  let keys = 0;

  const buy = async (quantity: number, variant = variantId) =>
    (
      await t
        .http()
        .post('/api/v1/checkouts')
        .set(buyer.auth)
        .set('Idempotency-Key', `tax-${process.pid}-${++keys}`)
        .send({ items: [{ variantId: variant, quantity }], shippingAddress: address, paymentMethod: 'vietqr' })
        .expect(201)
    ).body.orders[0] as { id: string; itemsTotal: number; total: number };
  const pay = (orderId: string) => t.http().post(`/api/v1/orders/${orderId}/payment-received`).set(collector.auth).expect(200);
  const ledger = async (coop: string) => (await t.http().get(`/api/v1/cooperatives/${coop}/payouts`).query({ limit: 100 }).set(owner.auth).expect(200)).body;

  beforeAll(async () => {
    t = await createTestApp();
    official = await signIn(t, Role.Official);
    collector = await signInCollector(t);
    owner = await signIn(t);
    buyer = await signIn(t);
  });
  afterAll(() => t.close());

  it('registers a household business with its owner’s personal id number and asks for its own papers', async () => {
    const refused = await t
      .http()
      .post('/api/v1/cooperatives')
      .set(owner.auth)
      .send({ name: 'HTX X', taxCode: '052090000123', representative: 'A', phone: '0256 3822 123', email: 'a@example.vn', wardCode: '21910', addressLine: 'x' })
      .expect(400);
    expect(refused.body.error.details.map((d: { field: string }) => d.field)).toEqual(['taxCode']);
    const made = await createCooperative(t, owner, {
      overrides: { kind: 'household_business', name: 'Hộ kinh doanh Bánh ít lá gai Lý Mai', taxCode: '052 090 000 123' },
    });
    household = made.id;
    expect(made.taxCode).toBe('052090000123');
    const profile = (await t.http().get(`/api/v1/cooperatives/${household}`).set(owner.auth).expect(200)).body;
    expect(profile).toMatchObject({ kind: 'household_business', taxCode: '052090000123' });

    const onboarding = (await t.http().get(`/api/v1/cooperatives/${household}/onboarding`).set(owner.auth).expect(200)).body;
    expect(onboarding.steps.find((s: { key: string }) => s.key === 'documents_uploaded')).toMatchObject({ done: false, missing: ['identity_card'] });
    const incomplete = await t.http().post(`/api/v1/cooperatives/${household}/submit`).set(owner.auth).expect(409);
    expect(incomplete.body.error.details).toEqual([{ field: 'documents', message: 'Cần tải lên căn cước công dân của chủ hộ kinh doanh (identity_card).' }]);
    await t
      .http()
      .post(`/api/v1/cooperatives/${household}/documents`)
      .set(owner.auth)
      .field('kind', 'identity_card')
      .attach('file', PDF, { filename: 'cccd.pdf', contentType: 'application/pdf' })
      .expect(201);
    const done = (await t.http().get(`/api/v1/cooperatives/${household}/onboarding`).set(owner.auth).expect(200)).body;
    expect(done.steps.find((s: { key: string }) => s.key === 'documents_uploaded')).toMatchObject({ done: true, missing: [] });
    await approveCooperative(t, owner, official, household);
    variantId = await createSellableVariant(t, household, owner, 'BANH-IT-1', 200000, 50, 600);
  });

  it('withholds 1 % VAT and 0.5 % PIT on each paid order’s goods, offsets them on a refund, and shows both in the ledger', async () => {
    const kept = await buy(1);
    const refunded = await buy(2);
    await pay(kept.id);
    await pay(refunded.id);
    const paid = await ledger(household);
    const entriesOf = (
      body: { items: Array<{ kind: string; orderId: string; amount: number; taxBase: number | null; refundId: string | null }> },
      orderId: string,
    ) =>
      body.items
        .filter((e) => e.orderId === orderId)
        .map((e) => [e.kind, e.amount, e.taxBase, e.refundId !== null])
        .sort();
    expect(entriesOf(paid, kept.id)).toEqual(
      [
        ['order_earning', kept.total, null, false],
        ['pit_withheld', -1000, 200000, false],
        ['vat_withheld', -2000, 200000, false],
      ].sort(),
    );
    expect(paid.balance).toBe(kept.total + refunded.total - 3000 - 6000);

    await t.http().post(`/api/v1/orders/${refunded.id}/cancel`).set(buyer.auth).send({ reason: 'Đổi ý' }).expect(200);
    const after = await ledger(household);
    expect(entriesOf(after, refunded.id)).toEqual(
      [
        ['order_earning', refunded.total, null, false],
        ['pit_withheld', -2000, 400000, false],
        ['vat_withheld', -4000, 400000, false],
        ['refund', -refunded.total, null, true],
        ['pit_withheld', 2000, -400000, true],
        ['vat_withheld', 4000, -400000, true],
      ].sort(),
    );
    expect(after.balance).toBe(kept.total - 3000);
  });

  it('withholds nothing for a cooperative, and exports the month’s withholding for the declaration', async () => {
    const coopOwner = await signIn(t);
    const coop = (await createCooperative(t, coopOwner, { overrides: { name: 'HTX Dừa Tam Quan' } })).id;
    await approveCooperative(t, coopOwner, official, coop);
    const coconut = await createSellableVariant(t, coop, coopOwner, 'DUA-1', 150000, 20, 800);
    const order = await buy(1, coconut);
    await pay(order.id);
    const coopLedger = (await t.http().get(`/api/v1/cooperatives/${coop}/payouts`).set(coopOwner.auth).expect(200)).body;
    expect(coopLedger.items.map((e: { kind: string }) => e.kind)).toEqual(['order_earning']);

    const month = vietnamMonth(new Date());
    const res = await t
      .http()
      .get('/api/v1/admin/tax-withholding.xlsx')
      .query({ month })
      .set(collector.auth)
      .buffer(true)
      .parse((r, done) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(res.status).toBe(200);
    expect(res.headers['content-disposition']).toContain(`thue-khau-tru-${month}.xlsx`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.body as unknown as ArrayBuffer);
    const values = (sheet: string) =>
      book
        .getWorksheet(sheet)!
        .getSheetValues()
        .slice(4)
        .filter(Boolean)
        .map((row) => (row as unknown[]).slice(1));
    expect(values('Tổng hợp')).toEqual([
      ['Người bán', 'MST / Số định danh', 'Địa chỉ', 'Số đơn', 'Doanh thu (đồng)', 'Thuế GTGT (đồng)', 'Thuế TNCN (đồng)', 'Tổng thuế (đồng)'],
      ['Hộ kinh doanh Bánh ít lá gai Lý Mai', '052090000123', 'Thôn Tân Lập, 21910', 2, 200000, 2000, 1000, 3000],
      ['Tổng cộng', '', '', 2, 200000, 2000, 1000, 3000],
    ]);
    const detail = values('Chi tiết').slice(1);
    expect(detail.map((r) => [r[4], r[5], r[6], r[7]])).toEqual([
      ['Khấu trừ', 200000, 2000, 1000],
      ['Khấu trừ', 400000, 4000, 2000],
      ['Giảm trừ do hoàn tiền', -400000, -4000, -2000],
    ]);
    expect(detail.every((r) => r[3] === '052090000123')).toBe(true);

    const [year, mm] = month.split('-').map(Number);
    const before = mm === 1 ? `${year - 1}-12` : `${year}-${String(mm - 1).padStart(2, '0')}`;
    const empty = await t.http().get('/api/v1/admin/tax-withholding.xlsx').query({ month: before }).set(collector.auth).expect(200);
    expect(Number(empty.headers['content-length'])).toBeGreaterThan(0);
    const bad = await t.http().get('/api/v1/admin/tax-withholding.xlsx').query({ month: '2026-13' }).set(collector.auth).expect(400);
    expect(bad.body.error.details.map((d: { field: string }) => d.field)).toEqual(['month']);
    await t.http().get('/api/v1/admin/tax-withholding.xlsx').set(official.auth).expect(403);
    await t.http().get('/api/v1/admin/tax-withholding.xlsx').set(owner.auth).expect(403);
  });
});
