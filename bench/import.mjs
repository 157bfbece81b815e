// import: a 10 000-row product spreadsheet (the import template's columns, Vietnamese headers; one
// row per variant, products keyed by "Mã sản phẩm") through POST /cooperatives/:id/imports and the
// import job, from the upload until GET /jobs/:id says completed. The ceiling reads the same file
// with exceljs's streaming reader and inserts the same products and variants with batched INSERTs
// (1 000 rows per statement) in bare pg: no validation, no upsert, no progress. Each round imports
// into a fresh cooperative (every row a new variant); rounds alternate app and ceiling.
import path from 'node:path';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import pg from 'pg';
import { IMPORT_COLUMNS } from '../dist/libs/catalog/src/import/import-columns.js';
import {
  ROUNDS,
  SCALE,
  api,
  appEnv,
  cpuDuring,
  resetStatements,
  topStatements,
  createUsers,
  environment,
  login,
  median,
  round,
  runBenchmark,
  say,
  scaled,
  sleep,
  startApp,
  startDatabase,
  timed,
  writeResult,
  rssMb,
} from './lib/common.mjs';
import { cooperatives, insertRows, products, seedCooperatives } from './lib/generate.mjs';

const ROWS = scaled(10_000, 100);
const BATCH = 1000;

/** The spreadsheet a cooperative would fill in: the template's headers, a row per variant. */
async function workbook(list) {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('Sản phẩm');
  sheet.addRow(IMPORT_COLUMNS.map((c) => c.header));
  const index = Object.fromEntries(IMPORT_COLUMNS.map((c, i) => [c.key, i]));
  let rows = 0;
  for (const p of list) {
    p.variants.forEach((v, k) => {
      const cells = new Array(IMPORT_COLUMNS.length).fill(null);
      cells[index.productKey] = `SP-${p.index + 1}`;
      if (k === 0) {
        cells[index.name] = p.name;
        cells[index.description] = p.description;
        cells[index.category] = p.categoryId;
        cells[index.ward] = p.originWardCode;
        cells[index.unit] = p.unit;
        if (p.ocop) {
          cells[index.ocopStars] = p.ocop;
          cells[index.ocopNumber] = `${p.index + 1}/QĐ-UBND`;
          cells[index.ocopIssuedAt] = '2024-06-01';
          cells[index.ocopExpiresAt] = '2027-06-01';
        }
      }
      cells[index.sku] = v.sku;
      cells[index.variantName] = v.name;
      cells[index.price] = v.price;
      cells[index.weight] = v.weightGrams;
      cells[index.stock] = v.stock;
      sheet.addRow(cells);
      rows += 1;
    });
  }
  return { bytes: Buffer.from(await wb.xlsx.writeBuffer()), rows };
}

/** The ceiling: parse with exceljs's streaming reader, then batched INSERTs of products and variants. */
async function bare(pool, bytes, coopId) {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([bytes]), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  const header = new Map();
  const products = new Map();
  const variants = [];
  for await (const sheet of reader) {
    for await (const row of sheet) {
      const values = row.values;
      if (row.number === 1) {
        values.forEach((v, i) => header.set(String(v), i));
        continue;
      }
      const cell = (h) => values[header.get(h)];
      const key = cell('Mã sản phẩm');
      if (!products.has(key)) {
        products.set(key, {
          cooperative_id: coopId,
          slug: `${key}-${coopId}`.toLowerCase(),
          name: cell('Tên sản phẩm'),
          description: cell('Mô tả') ?? '',
          category_id: cell('Danh mục'),
          origin_ward_code: String(cell('Mã phường/xã xuất xứ')),
          unit: cell('Đơn vị'),
          status: 'draft',
          min_price: cell('Giá (đồng)'),
          ocop_stars: cell('Số sao OCOP') ?? null,
          ocop_certificate_number: cell('Số chứng nhận OCOP') ?? null,
          ocop_issued_at: cell('Ngày cấp OCOP') ?? null,
          ocop_expires_at: cell('Ngày hết hạn OCOP') ?? null,
          // An imported claim waits for the Department, as the app stores it.
          ocop_status: cell('Số sao OCOP') ? 'pending' : null,
        });
      }
      variants.push({
        key,
        sku: cell('SKU'),
        name: cell('Tên phân loại'),
        price: cell('Giá (đồng)'),
        weight_grams: cell('Khối lượng (gram)'),
        stock: cell('Tồn kho'),
      });
    }
    break;
  }
  const parsedAt = process.hrtime.bigint();
  const ids = new Map();
  const list = [...products.entries()];
  for (let i = 0; i < list.length; i += BATCH) {
    const part = list.slice(i, i + BATCH);
    const rows = await insertRows(
      pool,
      'products',
      [
        'cooperative_id',
        'slug',
        'name',
        'description',
        'category_id',
        'origin_ward_code',
        'unit',
        'status',
        'min_price',
        'ocop_stars',
        'ocop_certificate_number',
        'ocop_issued_at',
        'ocop_expires_at',
        'ocop_status',
      ],
      part.map(([, p]) => p),
      {
        chunk: BATCH,
        returning: 'id, slug',
        types: { cooperative_id: 'uuid', min_price: 'bigint', ocop_stars: 'smallint', ocop_issued_at: 'date', ocop_expires_at: 'date' },
      },
    );
    const bySlug = new Map(rows.map((r) => [r.slug, r.id]));
    for (const [key, p] of part) ids.set(key, bySlug.get(p.slug));
  }
  const position = new Map();
  await insertRows(
    pool,
    'variants',
    ['product_id', 'cooperative_id', 'sku', 'name', 'price', 'weight_grams', 'stock', 'position'],
    variants.map((v) => {
      const at = position.get(v.key) ?? 0;
      position.set(v.key, at + 1);
      return {
        product_id: ids.get(v.key),
        cooperative_id: coopId,
        sku: v.sku,
        name: v.name,
        price: v.price,
        weight_grams: v.weight_grams,
        stock: v.stock,
        position: at,
      };
    }),
    { chunk: BATCH, types: { product_id: 'uuid', cooperative_id: 'uuid', price: 'bigint', weight_grams: 'int', stock: 'int', position: 'int' } },
  );
  return { rows: variants.length, parsedAt };
}

await runBenchmark(async (defer) => {
  say(`import: ${ROWS} rows, ${ROUNDS} rounds (scale ${SCALE})`);
  const database = await startDatabase('import');
  defer(database.stop);
  const { db } = database;
  const [owner] = await createUsers(db, [{ email: 'htx.admin@bench.nongsan.test', roles: ['buyer', 'coop_admin'] }]);
  // A fresh cooperative for every import, so every row is a new variant.
  const coops = await seedCooperatives(db, cooperatives(2 * ROUNDS + 2), owner.id);
  await insertRows(
    db,
    'cooperative_members',
    ['cooperative_id', 'user_id', 'role'],
    coops.map((c) => ({ cooperative_id: c.id, user_id: owner.id, role: 'coop_admin' })),
    { types: { cooperative_id: 'uuid', user_id: 'uuid' } },
  );
  let list = products(Math.ceil(ROWS / 1.4), [coops[0]], { seed: 21 });
  let count = 0;
  list = list.filter((p) => {
    if (count >= ROWS) return false;
    p.variants = p.variants.slice(0, ROWS - count);
    count += p.variants.length;
    return true;
  });
  const file = await workbook(list);
  say(`spreadsheet: ${file.rows} rows, ${list.length} products, ${Math.round(file.bytes.length / 1024)} KiB`);

  const app = await startApp({ env: appEnv(database.url, path.join(database.dir, 'app')), logFile: path.join(database.dir, 'app.log') });
  defer(app.stop);
  const session = await login(app.origin, owner.email);
  const pool = new pg.Pool({ connectionString: database.url, max: 2 });
  defer(() => pool.end());

  let next = 0;
  let statements;
  const viaApp = async () => {
    const coop = coops[next++];
    await resetStatements(db);
    let peakRss = 0;
    const t = await timed(async () => {
      const form = new FormData();
      form.append('file', new Blob([file.bytes], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }), 'san-pham.xlsx');
      const accepted = await api(app.origin, 'POST', `/api/v1/cooperatives/${coop.id}/imports`, { auth: session.auth, body: form });
      if (accepted.status !== 202) throw new Error(`import upload: ${accepted.status} ${JSON.stringify(accepted.body)}`);
      for (;;) {
        peakRss = Math.max(peakRss, rssMb(app.pid));
        const job = await api(app.origin, 'GET', `/api/v1/jobs/${accepted.body.jobId}`, { auth: session.auth });
        if (job.body.status === 'completed' || job.body.status === 'failed') return job.body;
        await sleep(100);
      }
    });
    const job = t.value;
    if (job.status !== 'completed' || job.done !== file.rows || job.failed !== 0)
      throw new Error(`import job: ${job.status}, done ${job.done}, failed ${job.failed}: ${JSON.stringify(job.errors?.slice(0, 3))}`);
    statements ??= await topStatements(db);
    return { ms: round(t.ms, 0), rowsPerSecond: round(file.rows / (t.ms / 1000), 1), appRssPeakMb: peakRss };
  };
  const viaBare = async () => {
    const coop = coops[next++];
    const started = process.hrtime.bigint();
    const { rows, parsedAt } = await bare(pool, file.bytes, coop.id);
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    if (rows !== file.rows) throw new Error(`bare import read ${rows} rows`);
    return { ms: round(ms, 0), parseMs: round(Number(parsedAt - started) / 1e6, 0), rowsPerSecond: round(rows / (ms / 1000), 1) };
  };

  const rounds = [];
  for (let r = 0; r < ROUNDS; r++) {
    const round_ = {};
    for (const who of r % 2 === 0 ? ['app', 'ceiling'] : ['ceiling', 'app']) {
      const { value, cpuMs } = await cpuDuring({ app: () => [app.pid], postgres: database.postgresPids, bench: () => [process.pid] }, () =>
        who === 'app' ? viaApp() : viaBare(),
      );
      round_[who] = { ...value, cpuMsPer1000Rows: Object.fromEntries(Object.entries(cpuMs).map(([k, v]) => [k, round((v / file.rows) * 1000, 0)])) };
    }
    round_.ratio = round(round_.app.rowsPerSecond / round_.ceiling.rowsPerSecond, 3);
    rounds.push(round_);
    say(`  CPU ms per 1 000 rows: app ${JSON.stringify(round_.app.cpuMsPer1000Rows)}, ceiling ${JSON.stringify(round_.ceiling.cpuMsPer1000Rows)}`);
    say(
      `round ${r + 1}: app ${round_.app.rowsPerSecond} rows/s (${round_.app.ms} ms), ceiling ${round_.ceiling.rowsPerSecond} rows/s (${round_.ceiling.ms} ms, parse ${round_.ceiling.parseMs}) → ${round_.ratio}`,
    );
  }
  const {
    rows: [check],
  } = await db.query(`SELECT count(*)::int AS n FROM variants WHERE cooperative_id = ANY($1)`, [coops.slice(0, next).map((c) => c.id)]);
  const ratio = median(rounds.map((x) => x.ratio));
  await writeResult('import', {
    environment: await environment(db),
    sizes: { rows: file.rows, products: list.length, fileKiB: Math.round(file.bytes.length / 1024), batchRows: BATCH },
    app: {
      rowsPerSecond: median(rounds.map((x) => x.app.rowsPerSecond)),
      ms: median(rounds.map((x) => x.app.ms)),
      rssPeakMb: Math.max(...rounds.map((x) => x.app.appRssPeakMb)),
    },
    ceiling: {
      rowsPerSecond: median(rounds.map((x) => x.ceiling.rowsPerSecond)),
      ms: median(rounds.map((x) => x.ceiling.ms)),
      parseMs: median(rounds.map((x) => x.ceiling.parseMs)),
    },
    cpuMsPer1000Rows: Object.fromEntries(
      ['app', 'ceiling'].map((who) => [
        who,
        Object.fromEntries(['app', 'postgres', 'bench'].map((k) => [k, median(rounds.map((x) => x[who].cpuMsPer1000Rows[k]))])),
      ]),
    ),
    ratio,
    variantsWritten: check.n,
    targets: { 'app/ceiling ≥ 1/3': { value: ratio, met: ratio >= 1 / 3 }, 'every row imported': { value: check.n, met: check.n === file.rows * next } },
    rounds,
    statements,
  });
});
