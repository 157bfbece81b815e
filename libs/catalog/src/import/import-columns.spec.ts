import { columnOfPath, normalizeLabel, sameCell, SheetLayout, toInteger, toIsoDate, toMonths, toProductInput } from './import-columns.js';

const categoryId = (text: string) => (normalizeLabel(text) === 'ruou' ? 'wine-spirits' : text);

describe('normalizeLabel', () => {
  it('ignores accents, case, đ and punctuation', () => {
    expect(normalizeLabel('Giá (đồng)')).toBe('gia dong');
    expect(normalizeLabel('GIÁ (ĐỒNG)')).toBe('gia dong');
    expect(normalizeLabel('ma_san_pham')).toBe(normalizeLabel('Mã sản phẩm'));
    expect(normalizeLabel(' Mã phường/xã xuất xứ ')).toBe('ma phuong xa xuat xu');
  });
});

describe('SheetLayout', () => {
  it('finds the columns whatever their order and accents, and names them as the user wrote them', () => {
    const { layout, missing } = SheetLayout.read([
      'sku',
      'Ghi chú',
      'ten san pham',
      'Danh mục',
      'Mã phường/xã xuất xứ',
      'Đơn vị',
      'Tên phân loại',
      'GIÁ (ĐỒNG)',
      'Khối lượng (gram)',
      'Tồn kho',
    ]);
    expect(missing).toEqual([]);
    expect(layout.header('price')).toBe('GIÁ (ĐỒNG)');
    expect(layout.header('ocopStars')).toBe('Số sao OCOP');
    expect(layout.has('description')).toBe(false);
    expect(layout.hasOcop).toBe(false);
    expect(layout.cells(['A-1', 'x', 'Gạo']).get('name')).toBe('Gạo');
  });

  it('lists the required columns a header lacks', () => {
    expect(SheetLayout.read(['SKU', 'Tên sản phẩm']).missing.map((c) => c.header)).toEqual([
      'Danh mục',
      'Mã phường/xã xuất xứ',
      'Đơn vị',
      'Tên phân loại',
      'Giá (đồng)',
      'Khối lượng (gram)',
      'Tồn kho',
    ]);
  });
});

describe('cell values', () => {
  it('reads integers as Vietnamese and English spreadsheets write them, and leaves the rest for validation', () => {
    expect(toInteger('150000')).toBe(150000);
    expect(toInteger('150.000')).toBe(150000);
    expect(toInteger('1,500,000')).toBe(1500000);
    expect(toInteger('1 500')).toBe(1500);
    expect(toInteger('12,5')).toBe(12.5);
    expect(toInteger('1,500.000')).toBe('1,500.000');
    expect(toInteger('một trăm')).toBe('một trăm');
    expect(toInteger('')).toBeUndefined();
  });

  it('reads day-first dates', () => {
    expect(toIsoDate('2024-03-15')).toBe('2024-03-15');
    expect(toIsoDate('15/03/2024')).toBe('2024-03-15');
    expect(toIsoDate('5/3/2024')).toBe('2024-03-05');
    expect(toIsoDate('hôm nay')).toBe('hôm nay');
    expect(toIsoDate('')).toBeUndefined();
  });

  it('reads months separated by commas, semicolons or spaces', () => {
    expect(toMonths('5,6,7')).toEqual([5, 6, 7]);
    expect(toMonths(' 12; 1 2')).toEqual([12, 1, 2]);
    expect(toMonths('')).toEqual([]);
  });

  it('compares cells by meaning', () => {
    expect(sameCell('price', '150.000', '150000', categoryId)).toBe(true);
    expect(sameCell('harvestMonths', '5,6', '6; 5', categoryId)).toBe(true);
    expect(sameCell('category', 'Rượu', 'wine-spirits', categoryId)).toBe(true);
    expect(sameCell('name', 'Gạo', 'gạo', categoryId)).toBe(false);
  });

  it('maps validation paths back to columns', () => {
    expect(columnOfPath('variants[0].price')).toBe('price');
    expect(columnOfPath('ocop')).toBe('ocopStars');
    expect(columnOfPath('categoryId')).toBe('category');
  });
});

describe('toProductInput', () => {
  const { layout } = SheetLayout.read([
    'Tên sản phẩm',
    'Danh mục',
    'Mã phường/xã xuất xứ',
    'Đơn vị',
    'SKU',
    'Tên phân loại',
    'Giá (đồng)',
    'Khối lượng (gram)',
    'Tồn kho',
    'Số sao OCOP',
    'Ngày cấp OCOP',
  ]);

  it('builds the API body of a product with one variant', () => {
    const cells = layout.cells(['Rượu Bàu Đá', 'Rượu', '21940', 'chai', 'BD-500', 'Chai 500 ml', '150.000', '900', '40', '', '']);
    expect(toProductInput(cells, categoryId)).toEqual({
      name: 'Rượu Bàu Đá',
      description: '',
      categoryId: 'wine-spirits',
      originWardCode: '21940',
      unit: 'chai',
      ocop: null,
      harvestMonths: [],
      shelfLifeDays: undefined,
      variants: [{ sku: 'BD-500', name: 'Chai 500 ml', price: 150000, weightGrams: 900, stock: 40 }],
    });
  });

  it('makes an OCOP block as soon as one OCOP cell is filled, so the missing ones are reported', () => {
    const cells = layout.cells(['Rượu', 'wine-spirits', '21940', 'chai', 'BD-500', 'Chai', '1', '1', '1', '4', '15/03/2024']);
    expect(toProductInput(cells, categoryId).ocop).toEqual({ stars: 4, certificateNumber: undefined, issuedAt: '2024-03-15', expiresAt: undefined });
  });
});
