/**
 * The columns of the product spreadsheet: what the template writes and what the importer reads.
 * One row is one variant; rows sharing a product key are the variants of one product.
 */
export type ColumnKey =
  | 'productKey'
  | 'name'
  | 'description'
  | 'category'
  | 'ward'
  | 'unit'
  | 'sku'
  | 'variantName'
  | 'price'
  | 'weight'
  | 'stock'
  | 'ocopStars'
  | 'ocopNumber'
  | 'ocopIssuedAt'
  | 'ocopExpiresAt'
  | 'harvestMonths'
  | 'shelfLifeDays';

export interface ImportColumn {
  key: ColumnKey;
  header: string;
  /** Needed to create a product; a file without it is refused as a whole. */
  required: boolean;
  /** Describes the product rather than the variant: the same on every row of one product. */
  product: boolean;
  /** Where class-validator reports this column's problems in CreateProductDto. */
  paths: string[];
  guide: string;
  examples: [string | number, string | number];
}

export const IMPORT_COLUMNS: readonly ImportColumn[] = [
  {
    key: 'productKey',
    header: 'Mã sản phẩm',
    required: false,
    product: false,
    paths: [],
    guide: 'Các dòng cùng mã là các phân loại (chai, hộp…) của một sản phẩm. Để trống nếu sản phẩm chỉ có một phân loại.',
    examples: ['RUOU-BAU-DA', 'RUOU-BAU-DA'],
  },
  {
    key: 'name',
    header: 'Tên sản phẩm',
    required: true,
    product: true,
    paths: ['name'],
    guide: 'Tối đa 200 ký tự.',
    examples: ['Rượu Bàu Đá Nhơn Lộc 40 độ', ''],
  },
  {
    key: 'description',
    header: 'Mô tả',
    required: false,
    product: true,
    paths: ['description'],
    guide: 'Giới thiệu sản phẩm cho người mua.',
    examples: ['Rượu gạo nấu thủ công bằng nước giếng Bàu Đá, ủ trong chum sành.', ''],
  },
  {
    key: 'category',
    header: 'Danh mục',
    required: true,
    product: true,
    paths: ['categoryId'],
    guide: 'Mã danh mục hoặc tên danh mục, theo bảng danh mục bên dưới.',
    examples: ['wine-spirits', ''],
  },
  {
    key: 'ward',
    header: 'Mã phường/xã xuất xứ',
    required: true,
    product: true,
    paths: ['originWardCode'],
    guide: 'Mã 5 chữ số của phường/xã nơi làm ra sản phẩm (theo đơn vị hành chính từ 01/07/2025), theo bảng bên dưới.',
    examples: ['21940', ''],
  },
  { key: 'unit', header: 'Đơn vị', required: true, product: true, paths: ['unit'], guide: 'Đơn vị bán: chai, hộp, kg…', examples: ['chai', ''] },
  {
    key: 'sku',
    header: 'SKU',
    required: true,
    product: false,
    paths: ['variants[0].sku', 'variants'],
    guide: 'Mã hàng, không trùng trong hợp tác xã: chữ, số, “.”, “_”, “-”. Nhập lại tệp thì dòng có SKU đã có sẽ cập nhật phân loại đó.',
    examples: ['RUOU-BD-500', 'RUOU-BD-1000'],
  },
  {
    key: 'variantName',
    header: 'Tên phân loại',
    required: true,
    product: false,
    paths: ['variants[0].name'],
    guide: 'Ví dụ: Chai 500 ml.',
    examples: ['Chai 500 ml', 'Chai 1 lít'],
  },
  {
    key: 'price',
    header: 'Giá (đồng)',
    required: true,
    product: false,
    paths: ['variants[0].price'],
    guide: 'Số nguyên, lớn hơn 0.',
    examples: [150000, 280000],
  },
  {
    key: 'weight',
    header: 'Khối lượng (gram)',
    required: true,
    product: false,
    paths: ['variants[0].weightGrams'],
    guide: 'Khối lượng khi giao hàng, tính cả bao bì.',
    examples: [900, 1600],
  },
  { key: 'stock', header: 'Tồn kho', required: true, product: false, paths: ['variants[0].stock'], guide: 'Số lượng đang có để bán.', examples: [40, 20] },
  {
    key: 'ocopStars',
    header: 'Số sao OCOP',
    required: false,
    product: true,
    paths: ['ocop.stars', 'ocop'],
    guide: '3, 4 hoặc 5. Để trống cả 4 cột OCOP nếu sản phẩm chưa được chứng nhận.',
    examples: [4, ''],
  },
  {
    key: 'ocopNumber',
    header: 'Số chứng nhận OCOP',
    required: false,
    product: true,
    paths: ['ocop.certificateNumber'],
    guide: 'Số quyết định công nhận.',
    examples: ['123/QĐ-UBND', ''],
  },
  {
    key: 'ocopIssuedAt',
    header: 'Ngày cấp OCOP',
    required: false,
    product: true,
    paths: ['ocop.issuedAt'],
    guide: 'Dạng 2024-03-15 hoặc 15/03/2024.',
    examples: ['2024-03-15', ''],
  },
  {
    key: 'ocopExpiresAt',
    header: 'Ngày hết hạn OCOP',
    required: false,
    product: true,
    paths: ['ocop.expiresAt'],
    guide: 'Sau ngày cấp.',
    examples: ['2027-03-15', ''],
  },
  {
    key: 'harvestMonths',
    header: 'Tháng thu hoạch',
    required: false,
    product: true,
    paths: ['harvestMonths'],
    guide: 'Các tháng trong mùa, cách nhau bởi dấu phẩy, ví dụ 5,6,7.',
    examples: ['', ''],
  },
  {
    key: 'shelfLifeDays',
    header: 'Hạn sử dụng (ngày)',
    required: false,
    product: true,
    paths: ['shelfLifeDays'],
    guide: 'Số ngày dùng được kể từ ngày sản xuất.',
    examples: [3650, ''],
  },
];

const OCOP_COLUMNS: readonly ColumnKey[] = ['ocopStars', 'ocopNumber', 'ocopIssuedAt', 'ocopExpiresAt'];

/** "Giá (đồng)", "gia dong" and "GIÁ (ĐỒNG)" are the same label; so are "Mã sản phẩm" and "ma_san_pham". */
export function normalizeLabel(label: string): string {
  return label
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

const BY_LABEL = new Map(IMPORT_COLUMNS.map((c) => [normalizeLabel(c.header), c]));

/** Where each known column is in the file, and the header the user wrote for it. */
export class SheetLayout {
  private constructor(private readonly found: Map<ColumnKey, { index: number; header: string }>) {}

  /** Unknown columns are ignored (notes, internal codes); the first of two same-named columns wins. */
  static read(headerCells: string[]): { layout: SheetLayout; missing: ImportColumn[] } {
    const found = new Map<ColumnKey, { index: number; header: string }>();
    headerCells.forEach((cell, index) => {
      const column = BY_LABEL.get(normalizeLabel(cell));
      if (column && !found.has(column.key)) found.set(column.key, { index, header: cell.trim() });
    });
    return { layout: new SheetLayout(found), missing: IMPORT_COLUMNS.filter((c) => c.required && !found.has(c.key)) };
  }

  has(key: ColumnKey): boolean {
    return this.found.has(key);
  }

  get hasOcop(): boolean {
    return OCOP_COLUMNS.some((key) => this.found.has(key));
  }

  /** The column's header as the user wrote it, to name it in messages. */
  header(key: ColumnKey): string {
    return this.found.get(key)?.header ?? IMPORT_COLUMNS.find((c) => c.key === key)!.header;
  }

  /** The cells of the known columns present in the file, by column. */
  cells(row: string[]): Map<ColumnKey, string> {
    return new Map([...this.found].map(([key, { index }]) => [key, row[index] ?? '']));
  }
}

/** The column a CreateProductDto path (`variants[0].price`) was read from. */
export function columnOfPath(path: string): ColumnKey | undefined {
  return IMPORT_COLUMNS.find((c) => c.paths.includes(path))?.key;
}

/**
 * An integer as people type it: "150000", "150.000" or "150,000" (thousands), "150 000". Anything
 * else is returned as typed, so validation reports it as "not an integer".
 */
export function toInteger(text: string): number | string | undefined {
  if (text === '') return undefined;
  if (/^[+-]?\d+$/.test(text)) return Number(text);
  if (/^\d{1,3}([.,\s]\d{3})+$/.test(text) && new Set(text.match(/[.,\s]/g)).size === 1) return Number(text.replace(/[.,\s]/g, ''));
  if (/^[+-]?\d*[.,]\d+$/.test(text)) return Number(text.replace(',', '.'));
  return text;
}

/** ISO dates pass through; Vietnamese day-first dates (15/03/2024, 15-3-2024) become ISO. */
export function toIsoDate(text: string): string | undefined {
  if (text === '') return undefined;
  const dayFirst = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
  if (dayFirst) return `${dayFirst[3]}-${dayFirst[2].padStart(2, '0')}-${dayFirst[1].padStart(2, '0')}`;
  return text;
}

/** "5,6,7", "5; 6; 7" or "5 6 7". */
export function toMonths(text: string): Array<number | string> {
  return text
    .split(/[\s,;]+/)
    .filter((part) => part !== '')
    .map((part) => toInteger(part)!);
}

/**
 * The row as the body of `POST /cooperatives/:id/products` with one variant, so the API's own
 * DTO validates it. Absent optional columns get the create defaults; `productColumns` in the
 * importer leaves them untouched on products that already exist.
 */
export function toProductInput(cells: Map<ColumnKey, string>, categoryId: (text: string) => string): Record<string, unknown> {
  const text = (key: ColumnKey) => cells.get(key) || undefined;
  const ocopGiven = OCOP_COLUMNS.some((key) => cells.get(key));
  return {
    name: text('name'),
    description: cells.get('description') ?? '',
    categoryId: cells.get('category') ? categoryId(cells.get('category')!) : undefined,
    originWardCode: text('ward'),
    unit: text('unit'),
    ocop: ocopGiven
      ? {
          stars: toInteger(cells.get('ocopStars') ?? ''),
          certificateNumber: text('ocopNumber'),
          issuedAt: toIsoDate(cells.get('ocopIssuedAt') ?? ''),
          expiresAt: toIsoDate(cells.get('ocopExpiresAt') ?? ''),
        }
      : null,
    harvestMonths: toMonths(cells.get('harvestMonths') ?? ''),
    shelfLifeDays: toInteger(cells.get('shelfLifeDays') ?? ''),
    variants: [
      {
        sku: text('sku'),
        name: text('variantName'),
        price: toInteger(cells.get('price') ?? ''),
        weightGrams: toInteger(cells.get('weight') ?? ''),
        stock: toInteger(cells.get('stock') ?? ''),
      },
    ],
  };
}

/** Two cells of one column mean the same ("150.000" and "150000", "Rượu" and "wine-spirits"). */
export function sameCell(key: ColumnKey, a: string, b: string, categoryId: (text: string) => string): boolean {
  switch (key) {
    case 'price':
    case 'weight':
    case 'stock':
    case 'ocopStars':
    case 'shelfLifeDays':
      return toInteger(a) === toInteger(b);
    case 'ocopIssuedAt':
    case 'ocopExpiresAt':
      return toIsoDate(a) === toIsoDate(b);
    case 'harvestMonths':
      return JSON.stringify(toMonths(a).sort()) === JSON.stringify(toMonths(b).sort());
    case 'category':
      return categoryId(a) === categoryId(b);
    default:
      return a === b;
  }
}
