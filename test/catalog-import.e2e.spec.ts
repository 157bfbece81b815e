import { Injectable, Module, type OnModuleInit } from '@nestjs/common';
import { PRODUCT_CHANGED, type ProductChangedEvent } from '@nongsan/catalog';
import { JobsService, QueueService, Role } from '@nongsan/core';
import ExcelJS from 'exceljs';
import sharp from 'sharp';
import type { Response } from 'supertest';
import { createTestApp, signIn, type Session, type TestApp } from './harness/app.js';
import { createCooperative } from './harness/fixtures.js';
import { eventually } from './harness/eventually.js';
import { queuesIdle } from './harness/queues.js';
import { xlsxZipBomb } from './harness/zip-bomb.js';

const HEADERS = [
  'Mã sản phẩm',
  'Tên sản phẩm',
  'Mô tả',
  'Danh mục',
  'Mã phường/xã xuất xứ',
  'Đơn vị',
  'SKU',
  'Tên phân loại',
  'Giá (đồng)',
  'Khối lượng (gram)',
  'Tồn kho',
  'Số sao OCOP',
  'Số chứng nhận OCOP',
  'Ngày cấp OCOP',
  'Ngày hết hạn OCOP',
  'Tháng thu hoạch',
  'Hạn sử dụng (ngày)',
] as const;
type Header = (typeof HEADERS)[number];
type Line = Partial<Record<Header, string | number>>;

/** A product as the cooperative's product list shows it, the fields these tests read. */
interface ListedProduct {
  id: string;
  name: string;
  status: string;
  [field: string]: unknown;
  variants: Array<{ id: string; sku: string; name: string; price: number; weightGrams: number; stock: number }>;
}

const rice: Line = {
  'Mã sản phẩm': 'GAO-ST25',
  'Tên sản phẩm': 'Gạo ST25 Hoài Nhơn',
  'Mô tả': 'Gạo thơm trồng theo VietGAP.',
  'Danh mục': 'rice-grains',
  'Mã phường/xã xuất xứ': '21940',
  'Đơn vị': 'túi',
  SKU: 'GAO-5KG',
  'Tên phân loại': 'Túi 5 kg',
  'Giá (đồng)': 180000,
  'Khối lượng (gram)': 5100,
  'Tồn kho': 30,
  'Tháng thu hoạch': '11,10',
  'Hạn sử dụng (ngày)': 365,
};

/** Good rows (2, 3, 4, 11) and one mistake per bad row, each in a known column; row 10 is blank. */
const MIXED: Line[] = [
  rice,
  { 'Mã sản phẩm': 'GAO-ST25', SKU: 'GAO-10KG', 'Tên phân loại': 'Túi 10 kg', 'Giá (đồng)': 340000, 'Khối lượng (gram)': 10100, 'Tồn kho': 12 },
  {
    'Mã sản phẩm': 'NUOC-MAM',
    'Tên sản phẩm': 'Nước mắm Đề Gi',
    'Danh mục': 'Nước mắm',
    'Mã phường/xã xuất xứ': '21940',
    'Đơn vị': 'chai',
    SKU: 'DG-500',
    'Tên phân loại': 'Chai 500 ml',
    'Giá (đồng)': '95.000',
    'Khối lượng (gram)': 700,
    'Tồn kho': 50,
    'Số sao OCOP': 4,
    'Số chứng nhận OCOP': '45/QĐ-UBND',
    'Ngày cấp OCOP': '15/03/2024',
    'Ngày hết hạn OCOP': '2027-03-15',
  },
  { ...rice, 'Mã sản phẩm': 'SAI-GIA', SKU: 'SAI-GIA', 'Giá (đồng)': 'một trăm' },
  { ...rice, 'Mã sản phẩm': 'SAI-DANH-MUC', SKU: 'SAI-DM', 'Danh mục': 'xe-may' },
  {
    ...rice,
    'Mã sản phẩm': 'SAI-OCOP',
    SKU: 'SAI-OCOP',
    'Số sao OCOP': 4,
    'Số chứng nhận OCOP': '1/QĐ',
    'Ngày cấp OCOP': '2025-01-01',
    'Ngày hết hạn OCOP': '2024-01-01',
  },
  { ...rice, 'Mã sản phẩm': 'TRUNG-SKU', SKU: 'gao-5kg' },
  { ...rice, 'Mã sản phẩm': 'SAI-XA', SKU: 'SAI-XA', 'Mã phường/xã xuất xứ': '99999' },
  {},
  {
    'Tên sản phẩm': 'Mật ong rừng An Lão',
    'Danh mục': 'honey',
    'Mã phường/xã xuất xứ': '21940',
    'Đơn vị': 'chai',
    SKU: 'MO-500',
    'Tên phân loại': 'Chai 500 ml',
    'Giá (đồng)': 250000,
    'Khối lượng (gram)': 800,
    'Tồn kho': 15,
  },
  {
    'Mã sản phẩm': 'GAO-ST25',
    'Tên sản phẩm': 'Gạo khác',
    SKU: 'GAO-2KG',
    'Tên phân loại': 'Túi 2 kg',
    'Giá (đồng)': 80000,
    'Khối lượng (gram)': 2050,
    'Tồn kho': 5,
  },
];

async function xlsx(lines: Line[], headers: readonly string[] = HEADERS): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Sản phẩm');
  sheet.addRow([...headers]);
  for (const line of lines) sheet.addRow(HEADERS.map((h) => line[h] ?? null));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** As Excel on a Vietnamese Windows saves it: BOM, semicolons, CRLF. */
function csv(lines: Line[], headers: readonly string[] = HEADERS): Buffer {
  const cell = (value: string | number | undefined) =>
    value === undefined ? '' : /[;"\n]/.test(String(value)) ? `"${String(value).replace(/"/g, '""')}"` : String(value);
  const rows = [headers.join(';'), ...lines.map((line) => HEADERS.map((h) => cell(line[h])).join(';'))];
  return Buffer.from(`\uFEFF${rows.join('\r\n')}\r\n`);
}

interface JobBody {
  id: string;
  status: string;
  total: number;
  done: number;
  failed: number;
  errors: Array<{ row: number | null; field: string; message: string }>;
  result: { created: number; updated: number; unchanged: number } | null;
  startedAt: string | null;
  finishedAt: string | null;
}

/** Stands in for the channels context: every product event lands in its queue. */
@Injectable()
class ChannelsStandIn implements OnModuleInit {
  readonly events: ProductChangedEvent[] = [];
  constructor(private readonly queue: QueueService) {}

  async onModuleInit(): Promise<void> {
    await this.queue.defineQueue('test.import-product-events');
    await this.queue.subscribe(PRODUCT_CHANGED, 'test.import-product-events');
    this.queue.work<ProductChangedEvent>('test.import-product-events', async (event) => void this.events.push(event), { pollingIntervalSeconds: 0.5 });
  }
}

@Module({ providers: [ChannelsStandIn] })
class ChannelsStandInModule {}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function importer(t: TestApp) {
  const upload = (session: Session, cooperativeId: string, file: Buffer, name: string) =>
    t.http().post(`/api/v1/cooperatives/${cooperativeId}/imports`).set(session.auth).attach('file', file, name);

  /** Polls the job until it settles; every state seen is kept in `seen`. */
  const settle = async (session: Session, jobId: string, options: { timeoutMs?: number; seen?: JobBody[]; language?: string } = {}): Promise<JobBody> => {
    const deadline = Date.now() + (options.timeoutMs ?? 60_000);
    for (;;) {
      const { body } = await t
        .http()
        .get(`/api/v1/jobs/${jobId}`)
        .set({ ...session.auth, 'Accept-Language': options.language ?? 'vi' })
        .expect(200);
      options.seen?.push(body);
      if (body.status === 'completed' || body.status === 'failed') return body;
      if (Date.now() > deadline) throw new Error(`job still ${body.status} at the deadline: ${JSON.stringify(body)}`);
      await sleep(100);
    }
  };

  const run = async (session: Session, cooperativeId: string, file: Buffer, name: string, options: { timeoutMs?: number; seen?: JobBody[] } = {}) => {
    const res = await upload(session, cooperativeId, file, name).expect(202);
    return { jobId: res.body.jobId as string, job: await settle(session, res.body.jobId, options) };
  };

  const products = async (session: Session, cooperativeId: string) =>
    (await t.http().get(`/api/v1/cooperatives/${cooperativeId}/products?limit=100`).set(session.auth).expect(200)).body.items as ListedProduct[];

  return { upload, settle, run, products };
}

describe('catalog: spreadsheet import of products', () => {
  let t: TestApp;
  let io: ReturnType<typeof importer>;
  let owner: Session;
  let coop: string;
  let listener: ChannelsStandIn;
  beforeAll(async () => {
    t = await createTestApp({ imports: [ChannelsStandInModule] });
    io = importer(t);
    listener = t.app.get(ChannelsStandIn);
    owner = await signIn(t);
    coop = (await createCooperative(t, owner)).id;
  });
  afterAll(() => t.close());

  let mixedJob: string;
  let mixedFile: Buffer;

  it('saves the good rows as drafts and reports each bad row by its row number and column', async () => {
    mixedFile = await xlsx(MIXED);
    const { jobId, job } = await io.run(owner, coop, mixedFile, 'san-pham.xlsx');
    mixedJob = jobId;
    expect(job).toMatchObject({ status: 'completed', total: 10, done: 4, failed: 6, result: { created: 4, updated: 0, unchanged: 0 } });
    expect(job.errors).toEqual([
      { row: 5, field: 'Giá (đồng)', message: '“Giá (đồng)” phải là số nguyên.' },
      { row: 6, field: 'Danh mục', message: '“Danh mục” không phải danh mục có trong hệ thống.' },
      { row: 7, field: 'Ngày hết hạn OCOP', message: '“Ngày hết hạn OCOP” phải sau ngày cấp.' },
      { row: 8, field: 'SKU', message: 'Mã SKU “gao-5kg” đã có ở dòng 2.' },
      { row: 9, field: 'Mã phường/xã xuất xứ', message: '“Mã phường/xã xuất xứ” không phải mã phường/xã của tỉnh.' },
      { row: 12, field: 'Tên sản phẩm', message: '“Tên sản phẩm” khác với dòng 2 cùng mã sản phẩm.' },
    ]);
    const english = await io.settle(owner, jobId, { language: 'en' });
    expect(english.errors[0]).toEqual({ row: 5, field: 'Giá (đồng)', message: 'Giá (đồng) must be an integer.' });

    const items = await io.products(owner, coop);
    const byName = new Map(items.map((p) => [p.name, p]));
    expect([...byName.keys()].sort()).toEqual(['Gạo ST25 Hoài Nhơn', 'Mật ong rừng An Lão', 'Nước mắm Đề Gi']);
    expect(byName.get('Gạo ST25 Hoài Nhơn')).toMatchObject({ status: 'draft', categoryId: 'rice-grains', harvestMonths: [10, 11], shelfLifeDays: 365 });
    expect(byName.get('Gạo ST25 Hoài Nhơn')!.variants.map((v) => [v.sku, v.name, v.price, v.weightGrams, v.stock])).toEqual([
      ['GAO-5KG', 'Túi 5 kg', 180000, 5100, 30],
      ['GAO-10KG', 'Túi 10 kg', 340000, 10100, 12],
    ]);
    expect(byName.get('Nước mắm Đề Gi')).toMatchObject({
      categoryId: 'fish-sauce',
      ocop: { stars: 4, certificateNumber: '45/QĐ-UBND', issuedAt: '2024-03-15', expiresAt: '2027-03-15' },
      variants: [{ sku: 'DG-500', price: 95000 }],
    });
    expect(await t.objectKeys('private/imports/')).toContain(`private/imports/${jobId}.xlsx`);

    // Announced like any product created through the API.
    const events = await eventually(
      () => listener.events.filter((e) => e.changes.includes('created')),
      (e) => e.length >= 3,
    );
    expect(events).toHaveLength(3);
    const riceEvent = events.find((e) => e.productId === byName.get('Gạo ST25 Hoài Nhơn')!.id)!;
    expect(riceEvent).toMatchObject({ cooperativeId: coop, changes: ['created'] });
    expect(riceEvent.variantIds.sort()).toEqual(
      byName
        .get('Gạo ST25 Hoài Nhơn')!
        .variants.map((v) => v.id)
        .sort(),
    );
  });

  it('changes nothing when the same file is imported again', async () => {
    const before = await io.products(owner, coop);
    const eventsBefore = listener.events.length;
    const { jobId, job } = await io.run(owner, coop, mixedFile, 'san-pham (1).xlsx');
    expect(jobId).not.toBe(mixedJob);
    expect(job).toMatchObject({ status: 'completed', total: 10, done: 4, failed: 6, result: { created: 0, updated: 0, unchanged: 4 } });
    expect(await io.products(owner, coop)).toEqual(before);
    await queuesIdle(t, ['test.import-product-events']);
    expect(listener.events).toHaveLength(eventsBefore);
  });

  it('updates only what a changed row changes, and announces just that', async () => {
    const before = await io.products(owner, coop);
    const changed = MIXED.map((line) => (line.SKU === 'GAO-10KG' ? { ...line, 'Giá (đồng)': 320000 } : line));
    const { job } = await io.run(owner, coop, await xlsx(changed), 'san-pham-gia-moi.xlsx');
    expect(job.result).toEqual({ created: 0, updated: 1, unchanged: 3 });
    const after = await io.products(owner, coop);
    const rice = (items: typeof after) => items.find((p) => p.name === 'Gạo ST25 Hoài Nhơn')!;
    expect(rice(after).variants.map((v) => v.price)).toEqual([180000, 320000]);
    expect(rice(after).updatedAt).not.toBe(rice(before).updatedAt);
    expect(after.filter((p) => p.name !== 'Gạo ST25 Hoài Nhơn')).toEqual(before.filter((p) => p.name !== 'Gạo ST25 Hoài Nhơn'));
    const event = await eventually(
      () => listener.events.find((e) => e.changes.includes('price')),
      (e) => e !== undefined,
    );
    expect(event).toMatchObject({ productId: rice(after).id, changes: ['price'], variantIds: [rice(after).variants[1].id] });
  });

  it('reads a CSV saved by Excel (BOM, semicolons, accent-free headers), counting rows as Excel shows them', async () => {
    const headers = HEADERS.map((h) => h.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').toUpperCase());
    const lines: Line[] = [
      {
        ...rice,
        'Mã sản phẩm': 'XOAI',
        'Tên sản phẩm': 'Xoài Hoài Ân',
        'Danh mục': 'Trái cây tươi',
        'Đơn vị': 'kg',
        SKU: 'XOAI-1KG',
        'Tên phân loại': 'Thùng 1 kg',
        'Giá (đồng)': '45.000',
        'Tháng thu hoạch': '4;5;6',
      },
      { 'Mã sản phẩm': 'XOAI', SKU: 'XOAI-5KG', 'Tên phân loại': 'Thùng 5 kg', 'Giá (đồng)': '210.000', 'Khối lượng (gram)': 5300, 'Tồn kho': '' },
    ];
    const { jobId, job } = await io.run(owner, coop, csv(lines, headers), 'xoai.csv');
    expect(job).toMatchObject({ status: 'completed', total: 2, done: 1, failed: 1, result: { created: 1 } });
    expect(job.errors).toEqual([{ row: 3, field: 'TON KHO', message: '“TON KHO” là bắt buộc.' }]);
    const mango = (await io.products(owner, coop)).find((p) => p.name === 'Xoài Hoài Ân')!;
    expect(mango).toMatchObject({ categoryId: 'fresh-fruit', harvestMonths: [4, 5, 6], variants: [{ sku: 'XOAI-1KG', price: 45000 }] });
    expect(await t.objectKeys('private/imports/')).toContain(`private/imports/${jobId}.csv`);
  });

  it('fails a file whose header lacks required columns, naming them, and one that cannot be read', async () => {
    const { job } = await io.run(owner, coop, csv([{ SKU: 'X-1' }], ['SKU', 'Tên sản phẩm', 'Giá (đồng)']), 'thieu-cot.csv');
    expect(job).toMatchObject({ status: 'failed', done: 0, failed: 0 });
    expect(job.errors.map((e) => [e.row, e.field])).toEqual([
      [1, 'Danh mục'],
      [1, 'Mã phường/xã xuất xứ'],
      [1, 'Đơn vị'],
      [1, 'Tên phân loại'],
      [1, 'Khối lượng (gram)'],
      [1, 'Tồn kho'],
    ]);
    expect(job.errors[0].message).toBe('Thiếu cột “Danh mục” ở dòng tiêu đề.');

    const workbook = await xlsx(Array.from({ length: 300 }, (_, i) => ({ ...rice, 'Mã sản phẩm': `CAT-${i}`, SKU: `CAT-${i}` })));
    const truncated = await io.run(owner, coop, workbook.subarray(0, Math.floor(workbook.length / 2)), 'bi-cat.xlsx');
    expect(truncated.job).toMatchObject({ status: 'failed', errors: [{ row: null, field: 'file', message: expect.stringContaining('Không đọc được tệp') }] });
  });

  it('fails a zip bomb (a small .xlsx that unpacks to 150 MB) with a clear message, before inflating it; the API stays up', async () => {
    const bomb = xlsxZipBomb(150 * 1024 * 1024);
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const { job } = await io.run(owner, coop, bomb, 'bom.xlsx');
    expect(job).toMatchObject({ status: 'failed', done: 0, failed: 0 });
    expect(job.errors).toEqual([
      { row: null, field: 'file', message: 'Tệp .xlsx khi giải nén vượt quá 100 MB nên không được nhập; hãy chia nhỏ danh sách hoặc lưu dạng .csv.' },
    ]);
    const en = await io.settle(owner, (await io.upload(owner, coop, bomb, 'bomb.xlsx').expect(202)).body.jobId, { language: 'en' });
    expect(en.errors[0].message).toBe('The .xlsx file unpacks to more than 100 MB and was not imported; split the list or save it as .csv.');
    await t.http().get('/health/ready').expect(200);
  });

  it('fails a zip bomb whose directory and headers claim 1 KB, by counting what really inflates; the API stays up', async () => {
    // Issue #28: the directory check believed the stated 1 KB and exceljs inflated all 150 MB into its shared strings.
    const liar = xlsxZipBomb(150 * 1024 * 1024, { statedSize: 1024 });
    const { job } = await io.run(owner, coop, liar, 'bom-noi-doi.xlsx');
    expect(job).toMatchObject({ status: 'failed', done: 0, failed: 0 });
    expect(job.errors).toEqual([
      { row: null, field: 'file', message: 'Tệp .xlsx khi giải nén vượt quá 100 MB nên không được nhập; hãy chia nhỏ danh sách hoặc lưu dạng .csv.' },
    ]);
    await t.http().get('/health/ready').expect(200);
  });

  it('refuses a file that is not a spreadsheet with 400 naming file, and stores nothing', async () => {
    const keys = await t.objectKeys('private/imports/');
    const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#3a3' } })
      .png()
      .toBuffer();
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
    for (const [file, name] of [
      [png, 'san-pham.xlsx'],
      [pdf, 'san-pham.csv'],
      [Buffer.from('SKU,Giá', 'utf16le'), 'san-pham.csv'],
    ] as const) {
      const res = await io.upload(owner, coop, file, name).expect(400);
      expect(res.body.error).toMatchObject({ code: 'UNSUPPORTED_FILE_TYPE', details: [{ field: 'file' }] });
      expect(res.body.error.message).toContain('.xlsx, .csv (UTF-8)');
    }
    const none = await t.http().post(`/api/v1/cooperatives/${coop}/imports`).set(owner.auth).expect(400);
    expect(none.body.error.details).toEqual([expect.objectContaining({ field: 'file' })]);
    expect(await t.objectKeys('private/imports/')).toEqual(keys);
  });

  it('keeps each cooperative’s imports and jobs to itself', async () => {
    const stranger = await signIn(t);
    const otherCoop = (await createCooperative(t, stranger)).id;
    const official = await signIn(t, Role.Official);
    const file = await xlsx([rice]);

    const notFound = await io.upload(stranger, coop, file, 'a.xlsx').expect(404);
    expect(notFound.body.error.code).toBe('NOT_FOUND');
    await t.http().get(`/api/v1/jobs/${mixedJob}`).set(stranger.auth).expect(404);
    await t.http().get(`/api/v1/jobs/00000000-0000-4000-8000-000000000000`).set(owner.auth).expect(404);
    await t.http().get(`/api/v1/jobs/not-a-uuid`).set(owner.auth).expect(404);
    await t.http().post(`/api/v1/cooperatives/${coop}/imports`).attach('file', file, 'a.xlsx').expect(401);
    await t.http().get(`/api/v1/jobs/${mixedJob}`).expect(401);

    // Officials read a cooperative's jobs, but do not import for it.
    await t.http().get(`/api/v1/jobs/${mixedJob}`).set(official.auth).expect(200);
    await io.upload(official, coop, file, 'a.xlsx').expect(403);

    // The stranger imports the same SKU into their own cooperative: a separate product.
    const { job } = await io.run(stranger, otherCoop, file, 'a.xlsx');
    expect(job.result).toEqual({ created: 1, updated: 0, unchanged: 0 });
    expect((await io.products(stranger, otherCoop)).map((p) => p.variants[0].sku)).toEqual(['GAO-5KG']);
    expect((await io.products(owner, coop)).find((p) => p.name === 'Gạo ST25 Hoài Nhơn')!.variants).toHaveLength(2);
  });

  it('shows a job without a cooperative to its creator only, with its first 1000 problems', async () => {
    const jobs = t.app.get(JobsService);
    const job = await jobs.create({ kind: 'test.export', createdBy: owner.userId });
    await jobs.start(job.id, 1500);
    const issues = (from: number) => Array.from({ length: 600 }, (_, i) => ({ row: from + i, field: 'SKU', key: 'validation.required' }));
    await jobs.progress(job.id, { done: 0, failed: 600, issues: issues(2) });
    await jobs.progress(job.id, { done: 0, failed: 1200, issues: issues(602) });
    const { body } = await t.http().get(`/api/v1/jobs/${job.id}`).set(owner.auth).expect(200);
    expect(body).toMatchObject({ kind: 'test.export', status: 'running', total: 1500, failed: 1200, finishedAt: null });
    expect(body.errors).toHaveLength(1000);
    expect([body.errors[0], body.errors[999]]).toEqual([
      { row: 2, field: 'SKU', message: '“SKU” là bắt buộc.' },
      { row: 1001, field: 'SKU', message: '“SKU” là bắt buộc.' },
    ]);
    await t
      .http()
      .get(`/api/v1/jobs/${job.id}`)
      .set((await signIn(t)).auth)
      .expect(404);
    await t
      .http()
      .get(`/api/v1/jobs/${job.id}`)
      .set((await signIn(t, Role.Official)).auth)
      .expect(404);
  });

  it('serves a template whose own columns and example import as they are', async () => {
    const res = await t
      .http()
      .get('/api/v1/catalog/import-template.xlsx')
      .buffer(true)
      .parse((stream: Response, done: (error: Error | null, body: Buffer) => void) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toContain('attachment');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.body as ArrayBuffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Sản phẩm', 'Hướng dẫn']);
    expect((workbook.worksheets[0].getRow(1).values as unknown[]).slice(1)).toEqual([...HEADERS]);
    const guide: string[] = [];
    workbook.worksheets[1].eachRow((row) => guide.push((row.values as unknown[]).slice(1).join(' | ')));
    expect(guide).toEqual(
      expect.arrayContaining([
        'beverages | Đồ uống',
        'wine-spirits | Đồ uống › Rượu',
        'Giá (đồng) | Bắt buộc. Số nguyên, lớn hơn 0.',
        '21940 | xã An Nhơn Tây',
      ]),
    );

    const member = await signIn(t);
    const fresh = (await createCooperative(t, member)).id;
    const { job } = await io.run(member, fresh, res.body as Buffer, 'mau.xlsx');
    expect(job).toMatchObject({ status: 'completed', total: 2, done: 2, failed: 0 });
    const [product] = await io.products(member, fresh);
    expect(product).toMatchObject({
      name: 'Rượu Bàu Đá Nhơn Lộc 40 độ',
      categoryId: 'wine-spirits',
      ocop: { stars: 4 },
      variants: [{ sku: 'RUOU-BD-500' }, { sku: 'RUOU-BD-1000' }],
    });
  });
});

describe('catalog: a large import', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('imports 10 000 rows in batches, with progress along the way', async () => {
    const io = importer(t);
    const owner = await signIn(t);
    const coop = (await createCooperative(t, owner)).id;
    const lines: Line[] = [];
    for (let i = 0; i < 5000; i++) {
      lines.push({ ...rice, 'Mã sản phẩm': `SP-${i}`, 'Tên sản phẩm': `Gạo ST25 lô ${i}`, SKU: `LO-${i}-5KG` });
      lines.push({
        'Mã sản phẩm': `SP-${i}`,
        SKU: `LO-${i}-10KG`,
        'Tên phân loại': 'Túi 10 kg',
        'Giá (đồng)': 340000 + i,
        'Khối lượng (gram)': 10100,
        'Tồn kho': i % 50,
      });
    }
    const file = await xlsx(lines);
    const seen: JobBody[] = [];
    // How long it takes is for `npm run bench`, not a test on a shared machine.
    const { job } = await io.run(owner, coop, file, 'lon.xlsx', { timeoutMs: 300_000, seen });
    expect(job).toMatchObject({ status: 'completed', total: 10_000, done: 10_000, failed: 0, errors: [], result: { created: 10_000 } });
    expect(seen.some((s) => s.done > 0 && s.done < s.total)).toBe(true);
    const [counts] = await t.db.query(
      `SELECT (SELECT count(*) FROM products WHERE cooperative_id = $1)::int AS products, (SELECT count(*) FROM variants WHERE cooperative_id = $1)::int AS variants`,
      [coop],
    );
    expect(counts).toEqual({ products: 5000, variants: 10_000 });
  }, 360_000);
});
