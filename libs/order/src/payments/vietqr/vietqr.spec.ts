import { buildVietQr, crc16, parseVietQr } from './vietqr.js';

describe('VietQR payload (vectors of domain/vietnam.md)', () => {
  it('computes CRC-16/CCITT-FALSE of "123456789" as 29B1', () => {
    expect(crc16('123456789')).toBe('29B1');
  });

  it('reproduces the static ACB vector', () => {
    expect(buildVietQr({ bankBin: '970416', accountNumber: '257678859' })).toBe(
      '00020101021138530010A0000007270123000697041601092576788590208QRIBFTTA53037045802VN6304AE9F',
    );
  });

  it('reproduces the dynamic vector with amount 10000 and purpose "Chuyen tien"', () => {
    expect(buildVietQr({ bankBin: '970416', accountNumber: '257678859', amount: 10000, purpose: 'Chuyen tien' })).toBe(
      '00020101021238530010A0000007270123000697041601092576788590208QRIBFTTA53037045405100005802VN62150811Chuyen tien630453E6',
    );
  });

  it('reproduces the dynamic Vietcombank vector', () => {
    expect(buildVietQr({ bankBin: '970436', accountNumber: '1017595600', amount: 180000, purpose: 'thanh toan don hang' })).toBe(
      '00020101021238540010A00000072701240006970436011010175956000208QRIBFTTA530370454061800005802VN62230819thanh toan don hang630470FA',
    );
  });

  it('parses a payload back to its account, amount and reference, and rejects a corrupted one', () => {
    const payload = buildVietQr({ bankBin: '970446', accountNumber: '0123456789', amount: 265000, purpose: 'NS 4K7P2Q' });
    expect(parseVietQr(payload)).toEqual({ bankBin: '970446', accountNumber: '0123456789', amount: 265000, purpose: 'NS 4K7P2Q' });
    expect(() => parseVietQr(payload.replace('265000', '265001'))).toThrow('CRC');
  });

  it('refuses amounts that are not whole positive đồng', () => {
    expect(() => buildVietQr({ bankBin: '970436', accountNumber: '1', amount: 1500.5 })).toThrow();
    expect(() => buildVietQr({ bankBin: '970436', accountNumber: '1', amount: 0 })).toThrow();
  });
});
