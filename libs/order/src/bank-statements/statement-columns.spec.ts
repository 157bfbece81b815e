import { fingerprintOf, layoutOf, missingColumns, parseBankDate, parseVnd, referencesIn } from './statement-columns.js';

describe('bank statement columns', () => {
  it('finds the columns by the headers banks write, Vietnamese or English, specific before plain', () => {
    expect(
      layoutOf([
        'STT',
        'Ngày giao dịch\nTransaction Date',
        'Số tiền ghi nợ\nDebit',
        'Số tiền ghi có\nCredit',
        'Số dư',
        'Nội dung chi tiết\nTransactions in detail',
        'Số tham chiếu',
      ]),
    ).toEqual({
      date: 1,
      credit: 3,
      description: 5,
      bankReference: 6,
    });
    expect(layoutOf(['Ngày', 'Nợ', 'Có', 'Diễn giải'])).toEqual({ date: 0, credit: 2, description: 3 });
    expect(layoutOf(['Posting date', 'Value date', 'Credit', 'Description', 'Reference'])).toEqual({ date: 0, credit: 2, description: 3, bankReference: 4 });
    expect(missingColumns(layoutOf(['Ngày giao dịch', 'Ghi nợ', 'Nội dung']))).toEqual(['credit']);
  });

  it.each([
    ['1.250.000', 1250000],
    ['1,250,000', 1250000],
    ['1250000', 1250000],
    ['1.250.000,00', 1250000],
    ['1250000.00', 1250000],
    ['+ 150.000 VND', 150000],
    ['', 0],
    ['125.000', 125000],
  ])('reads %j as %d đồng', (text, amount) => expect(parseVnd(text)).toBe(amount));

  it.each(['12,5', '1.25.000', 'abc', '1250000.50', '-150000'])('refuses %j as an amount', (text) => expect(parseVnd(text)).toBeUndefined());

  it('reads dates as banks write them, and refuses impossible ones', () => {
    expect(parseBankDate('05/12/2026')).toBe('2026-12-05');
    expect(parseBankDate('5-12-2026 14:03:11')).toBe('2026-12-05');
    expect(parseBankDate('2026-12-05')).toBe('2026-12-05');
    expect(parseBankDate('31/02/2026')).toBeUndefined();
    expect(parseBankDate('Tổng cộng')).toBeUndefined();
  });

  it('finds checkout references in what banks make of a transfer description', () => {
    expect(referencesIn('MBVCB.1234567.ns4k7p2qxm.CT tu 0123 NGUYEN VAN AN toi 0000')).toEqual(['NS4K7P2QXM']);
    expect(referencesIn('NS4K7P2QXMA thanh toan')).toEqual([]);
    expect(referencesIn('chuyen tien an trua')).toEqual([]);
  });

  it('gives the same line the same fingerprint however it is spaced or cased', () => {
    const line = { bookedOn: '2026-12-05', amount: 150000, description: 'NS4K7P2QXM  chuyen khoan', bankReference: 'FT1' };
    expect(fingerprintOf(line)).toBe(fingerprintOf({ ...line, description: ' ns4k7p2qxm chuyen khoan' }));
    expect(fingerprintOf(line)).not.toBe(fingerprintOf({ ...line, bankReference: 'FT2' }));
  });
});
