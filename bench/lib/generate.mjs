// Deterministic data for the benchmarks: the same seed gives the same cooperatives, products and
// orders on every machine. Places are the 58 wards of the former Bình Định area, read from the
// administrative-units data the app ships (libs/core), plus the craft villages the products are
// known by; product names combine real product words, places and qualities, with their diacritics.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** A small seeded PRNG (mulberry32): the same draws run after run. */
export function rng(seed) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  next.int = (lo, hi) => lo + Math.floor(next() * (hi - lo + 1));
  next.pick = (xs) => xs[Math.floor(next() * xs.length)];
  /** An index drawn with weights. */
  next.weighted = (weights) => {
    const total = weights.reduce((a, b) => a + b, 0);
    let r = next() * total;
    for (let i = 0; i < weights.length; i++) if ((r -= weights[i]) < 0) return i;
    return weights.length - 1;
  };
  return next;
}

const units = JSON.parse(fs.readFileSync(path.join(ROOT, 'libs/core/src/admin-units/data/admin-units-gia-lai-52.json'), 'utf8'));

/** The 58 wards of province 52 that were the former Bình Định province, with the former districts they came from. */
export const WARDS = units.wards
  .filter((w) => w.formerProvince === 'Bình Định')
  .map((w) => ({
    code: w.code,
    name: w.name,
    type: w.type,
    formerDistricts: [...new Set(units.formerCommuneToWard.filter((c) => c.newWardCodes.includes(w.code)).map((c) => c.oldDistrictCode))].sort(),
  }));
if (WARDS.length !== 58) throw new Error(`expected the 58 former Bình Định wards in the admin-units data, found ${WARDS.length}`);
export const FORMER_DISTRICTS = units.formerDistricts.filter((d) => d.formerProvince === 'Bình Định');

/** Villages and places Bình Định products carry in their names (nước mắm Gò Bồi, rượu Bàu Đá…). */
const VILLAGES = [
  'Tam Quan',
  'Bàu Đá',
  'Gò Bồi',
  'Đề Gi',
  'Nhơn Lý',
  'Chợ Huyện',
  'Trường Thành',
  'Phú Gia',
  'Nhơn Hậu',
  'Cát Khánh',
  'Mỹ An',
  'Nhơn Hải',
  'Lý Sơn',
  'Vĩnh Hiệp',
  'Kim Châu',
  'Cù Lao Xanh',
  'Hòn Khô',
  'An Thái',
  'Xuân Hòa',
  'Phú Phong',
];

/**
 * Per category: the product words, the unit, the price range (đồng), the weight (grams) and the
 * variant names. Categories are the leaf ids of the app's category tree.
 */
export const KINDS = [
  {
    category: 'fish-sauce',
    words: ['Nước mắm cá cơm', 'Nước mắm nhĩ', 'Nước mắm cốt', 'Nước mắm truyền thống', 'Mắm ruốc', 'Mắm nêm'],
    unit: 'chai',
    price: [45_000, 320_000],
    grams: 700,
    variants: ['Chai 500 ml', 'Chai 1 lít', 'Can 2 lít'],
    qualities: ['40 độ đạm', '35 độ đạm', 'nhĩ cá cơm', 'ủ chượp 12 tháng'],
  },
  {
    category: 'rice-paper',
    words: ['Bánh tráng nước dừa', 'Bánh tráng mè đen', 'Bánh tráng nhúng', 'Bánh tráng gạo lứt', 'Bún song thằn', 'Bánh hỏi'],
    unit: 'xấp',
    price: [20_000, 90_000],
    grams: 500,
    variants: ['Xấp 10 cái', 'Xấp 20 cái', 'Gói 500 g'],
    qualities: ['sấy giòn', 'nướng than', 'phơi nắng'],
  },
  {
    category: 'wine-spirits',
    words: ['Rượu nếp', 'Rượu gạo', 'Rượu ngâm chuối hột', 'Rượu nếp cẩm', 'Rượu dừa'],
    unit: 'chai',
    price: [80_000, 600_000],
    grams: 1200,
    variants: ['Chai 500 ml', 'Chai 750 ml', 'Bình 2 lít'],
    qualities: ['nấu lò củi', '45 độ', 'ủ hũ sành'],
  },
  {
    category: 'fresh-fruit',
    words: ['Xoài', 'Bưởi da xanh', 'Thanh long ruột đỏ', 'Chuối mốc', 'Mít thái', 'Dưa hấu'],
    unit: 'kg',
    price: [25_000, 120_000],
    grams: 1000,
    variants: ['Thùng 5 kg', 'Thùng 10 kg', 'Túi 2 kg'],
    qualities: ['chín cây', 'tươi', 'VietGAP'],
  },
  {
    category: 'coconut',
    words: ['Dầu dừa', 'Cơm dừa sấy', 'Dừa sáp', 'Thạch dừa', 'Nước cốt dừa'],
    unit: 'hũ',
    price: [30_000, 180_000],
    grams: 500,
    variants: ['Hũ 250 ml', 'Hũ 500 ml', 'Chai 1 lít'],
    qualities: ['ép lạnh', 'nguyên chất', 'nấu thủ công'],
  },
  {
    category: 'rice-grains',
    words: ['Gạo thơm', 'Gạo lứt đỏ', 'Gạo nếp', 'Đậu phộng', 'Mè đen', 'Đậu xanh'],
    unit: 'túi',
    price: [18_000, 140_000],
    grams: 2000,
    variants: ['Túi 2 kg', 'Túi 5 kg', 'Bao 10 kg'],
    qualities: ['vụ mới', 'không chất bảo quản'],
  },
  {
    category: 'dried-seafood',
    words: ['Mực khô', 'Cá cơm khô', 'Tôm khô', 'Cá thu một nắng', 'Mực một nắng', 'Cá chỉ vàng khô'],
    unit: 'gói',
    price: [90_000, 900_000],
    grams: 500,
    variants: ['Gói 250 g', 'Gói 500 g', 'Túi 1 kg'],
    qualities: ['một nắng', 'loại 1', 'size lớn'],
  },
  {
    category: 'cured-meat',
    words: ['Nem chua', 'Chả cá', 'Chả ram tôm đất', 'Tré', 'Chả bò', 'Giò heo'],
    unit: 'cây',
    price: [40_000, 260_000],
    grams: 500,
    variants: ['Chục 10 cái', 'Cây 500 g', 'Cây 1 kg'],
    qualities: ['gói lá chuối', 'làm trong ngày'],
  },
  {
    category: 'sweets',
    words: ['Kẹo dừa', 'Bánh ít lá gai', 'Bánh tét lá cẩm', 'Mứt dừa', 'Bánh in', 'Bánh hồng', 'Bánh thuẫn'],
    unit: 'hộp',
    price: [25_000, 150_000],
    grams: 400,
    variants: ['Hộp 250 g', 'Hộp 500 g', 'Hộp quà 1 kg'],
    qualities: ['ít đường', 'nhân đậu xanh', 'hộp quà'],
  },
  {
    category: 'spices',
    words: ['Muối hạt', 'Ớt bột', 'Tiêu đen', 'Muối ớt xanh', 'Sả ớt', 'Nghệ bột'],
    unit: 'hũ',
    price: [15_000, 120_000],
    grams: 250,
    variants: ['Hũ 100 g', 'Hũ 200 g', 'Túi 500 g'],
    qualities: ['xay mịn', 'phơi nắng'],
  },
  {
    category: 'tea-coffee',
    words: ['Trà gừng', 'Trà sả', 'Cà phê rang xay', 'Trà lá vối', 'Trà hoa đậu biếc'],
    unit: 'gói',
    price: [35_000, 250_000],
    grams: 300,
    variants: ['Gói 100 g', 'Gói 250 g', 'Hộp 500 g'],
    qualities: ['rang mộc', 'túi lọc'],
  },
  {
    category: 'essential-oils',
    words: ['Tinh dầu sả chanh', 'Tinh dầu tràm', 'Tinh dầu quế', 'Tinh dầu bưởi', 'Tinh dầu bạc hà'],
    unit: 'chai',
    price: [50_000, 350_000],
    grams: 150,
    variants: ['Chai 10 ml', 'Chai 50 ml', 'Chai 100 ml'],
    qualities: ['chưng cất', 'nguyên chất'],
  },
  {
    category: 'honey',
    words: ['Mật ong rừng', 'Mật ong hoa cà phê', 'Mật ong hoa nhãn', 'Sữa ong chúa', 'Phấn hoa'],
    unit: 'chai',
    price: [120_000, 700_000],
    grams: 800,
    variants: ['Chai 500 ml', 'Chai 1 lít', 'Hũ 250 g'],
    qualities: ['nguyên chất', 'khai thác tự nhiên'],
  },
  {
    category: 'vegetables',
    words: ['Rau má', 'Hành tím', 'Tỏi', 'Ớt chỉ thiên', 'Khoai lang', 'Bí đỏ'],
    unit: 'kg',
    price: [12_000, 80_000],
    grams: 1000,
    variants: ['Túi 1 kg', 'Túi 3 kg', 'Thùng 10 kg'],
    qualities: ['VietGAP', 'hữu cơ', 'tươi'],
  },
  {
    category: 'textiles',
    words: ['Khăn thổ cẩm Bana', 'Túi thổ cẩm', 'Khăn dệt tay', 'Áo thổ cẩm'],
    unit: 'cái',
    price: [80_000, 950_000],
    grams: 300,
    variants: ['Cỡ nhỏ', 'Cỡ vừa', 'Cỡ lớn'],
    qualities: ['dệt tay', 'nhuộm lá rừng'],
  },
  {
    category: 'handicrafts',
    words: ['Nón lá ngựa', 'Chiếu cói', 'Mây tre đan', 'Đồ gỗ mỹ nghệ', 'Tượng đá', 'Rổ tre'],
    unit: 'cái',
    price: [60_000, 2_500_000],
    grams: 900,
    variants: ['Cỡ nhỏ', 'Cỡ vừa', 'Cỡ lớn'],
    qualities: ['làm tay', 'quà lưu niệm'],
  },
];
const QUALITIES = [
  'thượng hạng',
  'truyền thống',
  'đặc biệt',
  'hữu cơ',
  'loại 1',
  'nguyên chất',
  'gia truyền',
  'thủ công',
  'chính gốc',
  'cao cấp',
  'đặc sản',
  'sạch',
];
const METHODS = [
  'theo cách làm truyền thống của làng',
  'theo quy trình VietGAP',
  'hoàn toàn thủ công',
  'với nguyên liệu thu mua tại địa phương',
  'không dùng chất bảo quản',
];
const COOP_KINDS = [
  'HTX Nông nghiệp',
  'HTX Dịch vụ Nông nghiệp',
  'HTX Thủy sản',
  'HTX Chế biến Nông sản',
  'HTX Sản xuất và Thương mại',
  'HTX Làng nghề',
  'HTX Nông nghiệp Hữu cơ',
];
const SURNAMES = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Huỳnh', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ'];
const GIVEN = ['Văn An', 'Thị Hoa', 'Văn Bình', 'Thị Lan', 'Minh Tuấn', 'Thị Mai', 'Quốc Huy', 'Thị Hồng', 'Văn Tâm', 'Ngọc Ánh'];

const WEIGHTS = [31, 29, 23, 19, 17, 13, 7, 5, 3];
/** The n-th valid 10-digit tax code (mã số thuế) of a Bình Định enterprise (prefix 41), check digit included. */
export function taxCode(n) {
  // Each n owns the seven bodies n*7 … n*7+6; the first with a valid check digit is its code.
  for (let j = 0; ; j++) {
    const body = `41${String(1_000_000 + n * 7 + j).padStart(7, '0')}`;
    const digits = [...body].map(Number);
    const r = WEIGHTS.reduce((sum, w, i) => sum + w * digits[i], 0) % 11;
    if (r !== 0) return body + String(r === 10 ? 0 : 10 - r);
  }
}

/** Ascii slug, as the app makes them. */
export function slug(text) {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** `n` cooperatives spread over the 58 wards (each ward gets some); about one in eight is not yet approved. */
export function cooperatives(n, seed = 52) {
  const r = rng(seed);
  return Array.from({ length: n }, (_, i) => {
    const ward = WARDS[i % WARDS.length];
    const name = `${r.pick(COOP_KINDS)} ${i < WARDS.length ? ward.name : `${r.pick(VILLAGES)} ${ward.name}`}`;
    return {
      index: i,
      name,
      slug: `${slug(name)}-${i + 1}`,
      taxCode: taxCode(i + 1),
      representative: `${r.pick(SURNAMES)} ${r.pick(GIVEN)}`,
      wardCode: ward.code,
      wardName: ward.name,
      status: i % 8 === 7 ? r.pick(['submitted', 'draft']) : 'approved',
      createdDaysAgo: 760 - Math.floor((i / n) * 700) - r.int(0, 20),
    };
  });
}

/**
 * `n` products of the given cooperatives (approved ones only when `approvedOnly`), each with 1–3
 * variants, deterministic from `seed`. Names like "Nước mắm cá cơm Gò Bồi 40 độ đạm".
 */
export function products(n, coops, { seed = 7, approvedOnly = true, from = 0 } = {}) {
  const r = rng(seed);
  const owners = approvedOnly ? coops.filter((c) => c.status === 'approved') : coops;
  const out = [];
  // `from` continues a catalog (its slugs and SKUs) with another batch.
  for (let i = from; i < from + n; i++) {
    const coop = owners[i % owners.length];
    const kind = KINDS[r.weighted([9, 8, 6, 7, 5, 5, 7, 6, 7, 3, 3, 3, 4, 4, 2, 3])];
    const word = r.pick(kind.words);
    // The origin is the cooperative's ward, or another ward of the area; the place in the name is that ward's or a village.
    const origin = r() < 0.8 ? WARDS.find((w) => w.code === coop.wardCode) : r.pick(WARDS);
    const place = r() < 0.5 ? origin.name : r.pick(VILLAGES);
    const quality = r() < 0.6 ? r.pick(kind.qualities) : r.pick(QUALITIES);
    const name = `${word} ${place} ${quality}`;
    const base = roundPrice(kind.price[0] + r() ** 2 * (kind.price[1] - kind.price[0]));
    const variantCount = r.weighted([6, 3, 1]) + 1;
    const variants = kind.variants.slice(0, variantCount).map((vname, k) => ({
      name: vname,
      sku: `${slug(word)
        .split('-')
        .map((w) => w[0])
        .join('')
        .toUpperCase()}-${String(i + 1).padStart(6, '0')}-${k + 1}`,
      price: roundPrice(base * (1 + k * 0.9)),
      weightGrams: Math.round(kind.grams * (1 + k * 0.9)),
      stock: r() < 0.08 ? 0 : r.int(1, 400),
    }));
    const ocop = r() < 0.12 ? r.weighted([5, 3, 1]) + 3 : null;
    out.push({
      index: i,
      coop,
      name,
      slug: `${slug(name)}-${(i + 1).toString(36)}`,
      description: `${word} ${place} của ${coop.name}, làm ${r.pick(METHODS)}. ${ocop ? `Sản phẩm OCOP ${ocop} sao của tỉnh. ` : ''}Đóng gói ${kind.variants[0].toLowerCase()}, giao toàn quốc.`,
      categoryId: kind.category,
      originWardCode: origin.code,
      unit: kind.unit,
      ocop,
      certification: r() < 0.1 ? r.pick(['vietgap', 'organic', 'haccp']) : null,
      minPrice: Math.min(...variants.map((v) => v.price)),
      variants,
      /** Days before "now" it was published. */
      publishedDaysAgo: r() * 700,
    });
  }
  return out;
}

const roundPrice = (x) => Math.max(1000, Math.round(x / 1000) * 1000);

/** Inserts many rows with one statement per chunk: each column travels as one array parameter. */
export async function insertRows(db, table, columns, rows, { chunk = 5000, types = {}, returning } = {}) {
  const out = [];
  for (let start = 0; start < rows.length; start += chunk) {
    const part = rows.slice(start, start + chunk);
    const params = columns.map((c) => part.map((row) => row[c] ?? null));
    const select = columns.map((c, i) => `$${i + 1}::${types[c] ?? 'text'}[]`).join(', ');
    const sql = `INSERT INTO ${table} (${columns.join(', ')}) SELECT * FROM unnest(${select})${returning ? ` RETURNING ${returning}` : ''}`;
    const result = await db.query(sql, params);
    if (returning) out.push(...result.rows);
  }
  return out;
}

/** Cooperatives (with their status history) into the database; returns them with their ids. */
export async function seedCooperatives(db, coops, createdBy) {
  const rows = await insertRows(
    db,
    'cooperatives',
    ['slug', 'name', 'tax_code', 'representative', 'phone', 'email', 'ward_code', 'address_line', 'description', 'status', 'created_by', 'created_at'],
    coops.map((c) => ({
      slug: c.slug,
      name: c.name,
      tax_code: c.taxCode,
      representative: c.representative,
      phone: '+84905123456',
      email: `lienhe+${c.index + 1}@htx.nongsan.test`,
      ward_code: c.wardCode,
      address_line: `Thôn ${1 + (c.index % 9)}, ${c.wardName}`,
      description: `${c.name}: nông sản và đặc sản của ${c.wardName}.`,
      status: c.status,
      created_by: createdBy,
      created_at: new Date(Date.now() - c.createdDaysAgo * 86400_000).toISOString(),
    })),
    { types: { created_by: 'uuid', created_at: 'timestamptz' }, returning: 'id, slug' },
  );
  const ids = new Map(rows.map((r) => [r.slug, r.id]));
  for (const c of coops) c.id = ids.get(c.slug);
  await db.query(`INSERT INTO cooperative_status_changes (cooperative_id, from_status, to_status, created_at)
                  SELECT id, 'draft', 'submitted', created_at + interval '3 days' FROM cooperatives WHERE status IN ('submitted','approved')
                  UNION ALL SELECT id, 'submitted', 'approved', created_at + interval '9 days' FROM cooperatives WHERE status = 'approved'`);
  return coops;
}

/**
 * Products (active unless told), their variants, a picture each (keys only, unless the caller
 * stores the objects) and some OCOP stars and certifications. Returns the products with ids.
 */
export async function seedProducts(db, list, { status = 'active', imageKey = (p) => `public/products/bench/${p.index}/0/1024.webp` } = {}) {
  const now = Date.now();
  const rows = await insertRows(
    db,
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
      'published_at',
      'ocop_stars',
      'ocop_certificate_number',
      'ocop_issued_at',
      'ocop_expires_at',
      'ocop_status',
    ],
    list.map((p) => ({
      cooperative_id: p.coop.id,
      slug: p.slug,
      name: p.name,
      description: p.description,
      category_id: p.categoryId,
      origin_ward_code: p.originWardCode,
      unit: p.unit,
      status,
      min_price: p.minPrice,
      published_at: status === 'active' ? new Date(now - p.publishedDaysAgo * 86400_000).toISOString() : null,
      ocop_stars: p.ocop,
      ocop_certificate_number: p.ocop ? `${p.index + 1}/QĐ-UBND` : null,
      ocop_issued_at: p.ocop ? '2024-06-01' : null,
      ocop_expires_at: p.ocop ? '2027-06-01' : null,
      // Verified, as the Department would have left them, so the stars filter has its real share of products.
      ocop_status: p.ocop ? 'verified' : null,
    })),
    {
      types: {
        cooperative_id: 'uuid',
        min_price: 'bigint',
        published_at: 'timestamptz',
        ocop_stars: 'smallint',
        ocop_issued_at: 'date',
        ocop_expires_at: 'date',
      },
      returning: 'id, slug',
    },
  );
  const ids = new Map(rows.map((r) => [r.slug, r.id]));
  for (const p of list) p.id = ids.get(p.slug);
  const variants = list.flatMap((p) => p.variants.map((v, position) => ({ ...v, product: p, position })));
  const variantRows = await insertRows(
    db,
    'variants',
    ['product_id', 'cooperative_id', 'sku', 'name', 'price', 'weight_grams', 'stock', 'position'],
    variants.map((v) => ({
      product_id: v.product.id,
      cooperative_id: v.product.coop.id,
      sku: v.sku,
      name: v.name,
      price: v.price,
      weight_grams: v.weightGrams,
      stock: v.stock,
      position: v.position,
    })),
    {
      types: { product_id: 'uuid', cooperative_id: 'uuid', price: 'bigint', weight_grams: 'int', stock: 'int', position: 'int' },
      returning: 'id, sku, cooperative_id',
    },
  );
  const variantIds = new Map(variantRows.map((r) => [`${r.cooperative_id}/${r.sku}`, r.id]));
  for (const v of variants) v.id = variantIds.get(`${v.product.coop.id}/${v.sku}`);
  if (imageKey) {
    await insertRows(
      db,
      'product_images',
      ['product_id', 'position', 'width', 'height', 'keys'],
      list.map((p) => {
        const key1024 = imageKey(p);
        return {
          product_id: p.id,
          position: 0,
          width: 1024,
          height: 768,
          keys: JSON.stringify({ 320: key1024.replace(/1024\.webp$/, '320.webp'), 1024: key1024 }),
        };
      }),
      { types: { product_id: 'uuid', position: 'int', width: 'int', height: 'int', keys: 'jsonb' } },
    );
  }
  const certified = list.filter((p) => p.certification);
  await insertRows(
    db,
    'product_certifications',
    ['product_id', 'type', 'number', 'issuer', 'issued_at', 'expires_at', 'position'],
    certified.map((p) => ({
      product_id: p.id,
      type: p.certification,
      number: `CN-${p.index + 1}`,
      issuer: 'Trung tâm Chứng nhận Phù hợp (QUACERT)',
      issued_at: '2024-03-01',
      expires_at: '2027-03-01',
      position: 0,
    })),
    { types: { product_id: 'uuid', issued_at: 'date', expires_at: 'date', position: 'int' } },
  );
  return { products: list, variants };
}

/**
 * `count` orders over the last 24 months (growing month by month), two thirds on this storefront
 * and the rest on Shopee, Lazada and TikTok Shop, about 8 % cancelled; one line each. Generated in
 * SQL from a seed (fast enough for millions). `offset` continues a series.
 */
export async function seedOrders(pool, { count, offset = 0, batch = 250_000 }) {
  // One session throughout: the variant list is a temporary table.
  const db = await pool.connect();
  try {
    await seedOrdersOn(db, { count, offset, batch });
  } finally {
    await db.query('DROP TABLE IF EXISTS bench_variants').catch(() => undefined);
    db.release();
  }
}

async function seedOrdersOn(db, { count, offset, batch }) {
  await db.query(`INSERT INTO checkouts (buyer_id, idempotency_key, request_hash, payment_method, payment_reference, shipping_address, items_total, shipping_total, total)
                  SELECT id, 'bench-orders', 'x', 'cod', 'NSBENCHORDERS', '{}', 1, 0, 1 FROM users ORDER BY created_at LIMIT 1 ON CONFLICT DO NOTHING`);
  await db.query(`CREATE TEMP TABLE IF NOT EXISTS bench_variants AS
                    SELECT row_number() OVER (ORDER BY v.sku, v.cooperative_id) AS n, v.id, v.product_id, v.cooperative_id, v.sku, v.name, p.name AS product_name, v.price
                      FROM variants v JOIN products p ON p.id = v.product_id JOIN cooperatives c ON c.id = v.cooperative_id
                     WHERE p.status = 'active' AND c.status = 'approved'`);
  const [{ n: variants }] = (await db.query(`SELECT count(*)::int AS n FROM bench_variants`)).rows;
  await db.query(`CREATE INDEX IF NOT EXISTS bench_variants_n ON bench_variants (n)`);
  for (let start = offset; start < offset + count; start += batch) {
    const end = Math.min(offset + count, start + batch);
    // Time: the square root of a uniform draw leans towards recent months (uptake grows). The
    // order and its one line come from the same row, so the line is the variant that was priced.
    await db.query(
      `WITH src AS MATERIALIZED (
         SELECT gen_random_uuid() AS oid, i, ch, ts, v.id AS variant_id, v.product_id, v.cooperative_id, v.sku, v.name, v.product_name, v.price,
                1 + (hashint4(i * 7 + 3) & 3) AS qty
           FROM generate_series($1::int + 1, $2::int) i
           CROSS JOIN LATERAL (SELECT (ARRAY['web','web','web','web','shopee','shopee','lazada','tiktok-shop'])[1 + (hashint4(i) & 7)] AS ch,
                                      now() - make_interval(secs => (730 * 86400) * (1 - sqrt(((hashint4(i * 31 + 1) & 2147483647)::float8 / 2147483647)))) AS ts) x
           JOIN bench_variants v ON v.n = 1 + (hashint4(i * 13 + 5) & 2147483647) % $3
       ), buyer AS (SELECT id, buyer_id FROM checkouts WHERE idempotency_key = 'bench-orders'),
       o AS (
         INSERT INTO orders (id, checkout_id, buyer_id, cooperative_id, channel, external_reference, status, items_total, shipping_fee, total, weight_grams, position, created_at, updated_at)
         SELECT oid, CASE WHEN ch = 'web' THEN (SELECT id FROM buyer) END, CASE WHEN ch = 'web' THEN (SELECT buyer_id FROM buyer) END,
                cooperative_id, ch, CASE WHEN ch <> 'web' THEN 'X' || i END,
                CASE WHEN i % 13 = 0 THEN 'cancelled' WHEN ts < now() - interval '30 days' THEN 'completed' ELSE (ARRAY['placed','paid','shipped'])[1 + i % 3] END,
                price * qty, 22000, price * qty + 22000, 500 * qty, 0, ts, ts
           FROM src
       )
       INSERT INTO order_lines (order_id, variant_id, product_id, product_name, variant_name, sku, unit_price, quantity, line_total, position)
       SELECT oid, variant_id, product_id, product_name, name, sku, price, qty, price * qty, 0 FROM src`,
      [start, end, variants],
    );
  }
}
