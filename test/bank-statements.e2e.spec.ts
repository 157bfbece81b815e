import { Role } from '@nongsan/core';
import ExcelJS from 'exceljs';
import { createTestApp, signIn, signInCollector, type Session, type TestApp } from './harness/app.js';
import { createSellableVariant } from './harness/catalog-fixtures.js';
import { eventually } from './harness/eventually.js';
import { approveCooperative, createCooperative } from './harness/fixtures.js';

const address = { fullName: 'Võ Văn Tâm', phone: '0905 777 888', addressLine: '9 Lê Duẩn', wardCode: '21583' };
/** Statement dates a few days back from whenever the test runs, as a bank writes them (dd/mm/yyyy). */
const bankDate = (daysAgo: number) => {
  const d = new Date(Date.now() - daysAgo * 86_400_000);
  return `${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${d.getUTCFullYear()}`;
};

type Row = [date: string, reference: string, debit: string, credit: string, description: string];

/** An export shaped like Vietcombank's: the account and period above the table, bilingual headers, a closing total. */
async function statementXlsx(rows: Row[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Sao ke');
  sheet.addRow(['SAO KÊ TÀI KHOẢN / ACCOUNT STATEMENT']);
  sheet.addRow(['Số tài khoản / Account number:', '0000000000']);
  sheet.addRow([]);
  sheet.addRow([
    'Ngày giao dịch\nTransaction Date',
    'Số tham chiếu\nReference No.',
    'Số tiền ghi nợ\nDebit',
    'Số tiền ghi có\nCredit',
    'Nội dung chi tiết\nTransactions in detail',
  ]);
  for (const row of rows) sheet.addRow(row);
  sheet.addRow(['', '', '', '', 'Tổng cộng / Total']);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const statementCsv = (rows: Array<[string, string, string]>) => `Ngày;Có;Diễn giải\n${rows.map((r) => r.join(';')).join('\n')}\n`;

describe('bank statements: the collector’s account export matched to checkouts', () => {
  let t: TestApp;
  let official: Session;
  let collector: Session;
  let ownerA: Session;
  let ownerB: Session;
  let buyer: Session;
  let coopA: string;
  let candy: string;
  let sauce: string;
  let keys = 0;

  const checkout = async (items: Array<{ variantId: string; quantity: number }>) =>
    (
      await t
        .http()
        .post('/api/v1/checkouts')
        .set(buyer.auth)
        .set('Idempotency-Key', `statement-${process.pid}-${++keys}`)
        .send({ items, shippingAddress: address, paymentMethod: 'vietqr' })
        .expect(201)
    ).body as { id: string; reference: string; total: number; orders: Array<{ id: string; total: number }> };
  const upload = async (file: Buffer, name: string) => {
    const res = await t.http().post('/api/v1/admin/bank-statements').set(collector.auth).attach('file', file, { filename: name }).expect(202);
    const job = await eventually(
      async () => (await t.http().get(`/api/v1/jobs/${res.body.jobId}`).set(collector.auth).expect(200)).body,
      (j) => j.status === 'completed' || j.status === 'failed',
    );
    expect(job.status).toBe('completed');
    return { statementId: res.body.statementId as string, job };
  };
  const statement = async (id: string) =>
    (await t.http().get(`/api/v1/admin/bank-statements/${id}`).query({ limit: 100 }).set(collector.auth).expect(200)).body;
  const statusesOf = async (checkoutId: string) =>
    (await t.db.query(`SELECT status FROM orders WHERE checkout_id = $1 ORDER BY position`, [checkoutId])).map((r: { status: string }) => r.status);
  const paymentOf = async (checkoutId: string) => (await t.db.query(`SELECT status, received_reference FROM payments WHERE checkout_id = $1`, [checkoutId]))[0];

  beforeAll(async () => {
    t = await createTestApp();
    official = await signIn(t, Role.Official);
    collector = await signInCollector(t);
    ownerA = await signIn(t);
    ownerB = await signIn(t);
    buyer = await signIn(t);
    coopA = (await createCooperative(t, ownerA, { overrides: { name: 'HTX Bánh tráng Tam Quan' } })).id;
    const coopB = (await createCooperative(t, ownerB, { overrides: { name: 'HTX Rượu Bàu Đá' } })).id;
    await approveCooperative(t, ownerA, official, coopA);
    await approveCooperative(t, ownerB, official, coopB);
    candy = await createSellableVariant(t, coopA, ownerA, 'BT-STM', 30000, 500, 300);
    sauce = await createSellableVariant(t, coopB, ownerB, 'RBD-STM', 120000, 500, 1000);
  });
  afterAll(() => t.close());

  it('pays the one checkout whose line matches, lists short, over, unknown and repeated lines, and counts a re-import once', async () => {
    const shared = await checkout([
      { variantId: candy, quantity: 1 },
      { variantId: sauce, quantity: 1 },
    ]);
    const short = await checkout([{ variantId: candy, quantity: 2 }]);
    const over = await checkout([{ variantId: candy, quantity: 3 }]);
    const day = bankDate(1);
    const rows: Row[] = [
      [day, 'FT26001', '', shared.total.toLocaleString('vi-VN'), `MBVCB.8812.${shared.reference.toLowerCase()}.CT tu 0123 VO VAN TAM`],
      [day, 'FT26002', '', String(short.total - 10000), `${short.reference} thanh toan`],
      [day, 'FT26003', '', `${over.total + 5000},00`, `IBFT ${over.reference}`],
      [day, 'FT26004', '', '250.000', 'NS00000000 chuyen tien'],
      [day, 'FT26005', '', '90.000', 'chuyen tien an trua'],
      [day, 'FT26006', '1.000.000', '', 'Phi quan ly tai khoan'],
      [day, 'FT26001', '', shared.total.toLocaleString('vi-VN'), `MBVCB.8812.${shared.reference.toLowerCase()}.CT tu 0123 VO VAN TAM`],
    ];
    expect(await statusesOf(shared.id)).toEqual(['pending_payment', 'pending_payment']);
    const file = await statementXlsx(rows);
    const { statementId, job } = await upload(file, 'saoke-vcb.xlsx');
    expect(job).toMatchObject({ total: 6, done: 6, failed: 0, result: { matched: 1, short: 1, over: 1, unmatched: 2, duplicate: 1 } });

    const view = await statement(statementId);
    expect(view.counts).toEqual({ matched: 1, short: 1, over: 1, unmatched: 2, duplicate: 1 });
    expect(
      view.lines.items.map((l: { row: number; status: string; checkoutReference: string | null; amountDue: number | null }) => [
        l.row,
        l.status,
        l.checkoutReference,
        l.amountDue,
      ]),
    ).toEqual([
      [5, 'matched', shared.reference, shared.total],
      [6, 'short', short.reference, short.total],
      [7, 'over', over.reference, over.total],
      [8, 'unmatched', null, null],
      [9, 'unmatched', null, null],
      [11, 'duplicate', shared.reference, null],
    ]);
    expect(view.lines.items[0]).toMatchObject({
      date: new Date(Date.now() - 86_400_000).toISOString().slice(0, 10),
      amount: shared.total,
      bankReference: 'FT26001',
    });
    // Exactly one checkout paid, all its orders at once, with the bank's reference.
    expect(await statusesOf(shared.id)).toEqual(['paid', 'paid']);
    expect(await paymentOf(shared.id)).toEqual({ status: 'succeeded', received_reference: 'FT26001' });
    expect(await statusesOf(short.id)).toEqual(['pending_payment']);
    expect(await statusesOf(over.id)).toEqual(['pending_payment']);
    const unresolved = await t.http().get(`/api/v1/admin/bank-statements/${statementId}`).query({ status: 'short' }).set(collector.auth).expect(200);
    expect(unresolved.body.lines.items.map((l: { row: number }) => l.row)).toEqual([6]);

    // The same file again: every line was counted before, nothing moves.
    const ledgerBefore = (await t.http().get(`/api/v1/cooperatives/${coopA}/payouts`).set(ownerA.auth).expect(200)).body;
    const again = await upload(file, 'saoke-vcb-lan-2.xlsx');
    expect(again.job.result).toEqual({ matched: 0, short: 0, over: 0, unmatched: 0, duplicate: 6 });
    expect(await statusesOf(short.id)).toEqual(['pending_payment']);
    expect((await t.http().get(`/api/v1/cooperatives/${coopA}/payouts`).set(ownerA.auth).expect(200)).body).toEqual(ledgerBefore);
  });

  it('reconciles a checkout the collector confirmed by hand instead of paying it twice; a second transfer for it is over', async () => {
    const bought = await checkout([{ variantId: sauce, quantity: 1 }]);
    await t.http().post(`/api/v1/admin/checkouts/${bought.id}/payment-received`).set(collector.auth).send({ reference: 'FT-TAY' }).expect(200);
    const day = bankDate(2);
    const { statementId } = await upload(
      Buffer.from(
        statementCsv([
          [day, String(bought.total), `${bought.reference} ck lan 1`],
          [day, String(bought.total), `${bought.reference} ck lan 2`],
        ]),
      ),
      'saoke.csv',
    );
    const view = await statement(statementId);
    expect(view.lines.items.map((l: { status: string }) => l.status)).toEqual(['matched', 'over']);
    expect(await paymentOf(bought.id)).toEqual({ status: 'succeeded', received_reference: 'FT-TAY' });
    const timeline = (await t.http().get(`/api/v1/orders/${bought.orders[0].id}`).set(buyer.auth).expect(200)).body.timeline;
    expect(timeline.map((c: { to: string }) => c.to)).toEqual(['pending_payment', 'paid']);
  });

  it('refuses a file without a credit column, naming the column, in Vietnamese and English, and one it cannot read', async () => {
    const file = Buffer.from('Ngày giao dịch,Ghi nợ,Nội dung\n05/12/2026,10000,phi\n');
    const vi = await t.http().post('/api/v1/admin/bank-statements').set(collector.auth).attach('file', file, { filename: 'thieu-cot.csv' }).expect(400);
    expect(vi.body.error.details).toEqual([{ field: 'file', message: expect.stringContaining('số tiền ghi có') }]);
    const en = await t
      .http()
      .post('/api/v1/admin/bank-statements')
      .set(collector.auth)
      .set('Accept-Language', 'en')
      .attach('file', file, { filename: 'thieu-cot.csv' })
      .expect(400);
    expect(en.body.error.details).toEqual([{ field: 'file', message: expect.stringContaining('No credit amount column') }]);
    const broken = await t
      .http()
      .post('/api/v1/admin/bank-statements')
      .set(collector.auth)
      .attach('file', Buffer.from('Ngày giao dịch,Số tiền ghi có,Nội dung\n"05/12'), { filename: 'hong.csv' })
      .expect(400);
    expect(broken.body.error.details).toEqual([{ field: 'file', message: expect.stringContaining('Không đọc được tệp sao kê') }]);
    await t.http().post('/api/v1/admin/bank-statements').set(ownerA.auth).attach('file', file, { filename: 'x.csv' }).expect(403);
    await t.http().post('/api/v1/admin/bank-statements').set(official.auth).attach('file', file, { filename: 'x.csv' }).expect(403);
    expect(await t.db.query(`SELECT id FROM bank_statements WHERE file_name = 'thieu-cot.csv'`)).toEqual([]);
  });

  it('settles either order of a statement and a cancel the same way, made to happen by holding the payment lock', async () => {
    const waiting = async () =>
      (await t.db.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`))[0].n as number;
    for (const first of ['cancel', 'statement'] as const) {
      const bought = await checkout([
        { variantId: candy, quantity: 1 },
        { variantId: sauce, quantity: 1 },
      ]);
      const holder = t.db.createQueryRunner();
      await holder.connect();
      await holder.startTransaction();
      await holder.query(`SELECT id FROM payments WHERE checkout_id = $1 FOR UPDATE`, [bought.id]);
      const start = {
        cancel: () =>
          t
            .http()
            .post(`/api/v1/orders/${bought.orders[0].id}/cancel`)
            .set(buyer.auth)
            .send({})
            .then((r) => r.status),
        statement: () =>
          upload(Buffer.from(statementCsv([[bankDate(0), String(bought.total), `${bought.reference} giu khoa ${first}`]])), `khoa-${first}.csv`).then(
            () => 202,
          ),
      };
      const second = first === 'cancel' ? 'statement' : 'cancel';
      const one = start[first]();
      expect(await eventually(waiting, (n) => n >= 1)).toBe(1);
      const two = start[second]();
      expect(await eventually(waiting, (n) => n >= 2)).toBe(2);
      await holder.commitTransaction();
      await holder.release();
      expect(await Promise.all([one, two])).toEqual(first === 'cancel' ? [200, 202] : [202, 200]);
      // Cancelled before the money came: owed back as money for a cancelled order; after: as a cancellation. Never paid.
      expect(await statusesOf(bought.id)).toEqual(['cancelled', 'paid']);
      expect(await t.db.query(`SELECT cause, amount::int FROM refunds WHERE order_id = $1`, [bought.orders[0].id])).toEqual([
        { cause: first === 'cancel' ? 'unpaid_order' : 'cancellation', amount: bought.orders[0].total },
      ]);
    }
  });

  it('never leaves a refunded order paid when a statement and the buyer’s cancel meet (20 rounds)', async () => {
    const outcomes = new Set<string>();
    for (let round = 0; round < 20; round++) {
      const bought = await checkout([
        { variantId: candy, quantity: 1 },
        { variantId: sauce, quantity: 1 },
      ]);
      const [first, second] = bought.orders;
      const file = Buffer.from(statementCsv([[bankDate(0), String(bought.total), `${bought.reference} vong ${round}`]]));
      const [, cancel] = await Promise.all([
        upload(file, `vong-${round}.csv`),
        t.http().post(`/api/v1/orders/${first.id}/cancel`).set(buyer.auth).send({ reason: 'Đổi ý' }),
      ]);
      expect(cancel.status).toBe(200);
      const [orders, refunds, ledger, payment] = await Promise.all([
        statusesOf(bought.id),
        t.db.query(`SELECT order_id, amount, cause FROM refunds WHERE checkout_id = $1`, [bought.id]),
        t.db.query(`SELECT order_id, coalesce(sum(amount), 0)::int AS net FROM payout_ledger WHERE order_id = ANY($1) GROUP BY order_id`, [
          [first.id, second.id],
        ]),
        paymentOf(bought.id),
      ]);
      // The money arrived either way: the cancelled order's share is owed back, once, and earns nothing; the other is paid.
      expect(payment.status).toBe('succeeded');
      expect(orders).toEqual(['cancelled', 'paid']);
      expect(refunds).toEqual([{ order_id: first.id, amount: String(first.total), cause: expect.stringMatching(/^(cancellation|unpaid_order)$/) }]);
      expect(Object.fromEntries(ledger.map((l: { order_id: string; net: number }) => [l.order_id, l.net]))).toEqual({
        ...(ledger.some((l: { order_id: string }) => l.order_id === first.id) ? { [first.id]: 0 } : {}),
        [second.id]: second.total,
      });
      outcomes.add(refunds[0].cause);
    }
    // Both interleavings are legitimate; which ones happened depends on the machine.
    expect(outcomes.size).toBeGreaterThanOrEqual(1);
  }, 300_000);
});
