import { checkHouseholdTaxCode, checkTaxCode } from './tax-code.js';

describe('checkTaxCode (vectors of vietnam.md)', () => {
  it.each([
    ['0100233488', '0100233488'],
    ['0100112437', '0100112437'],
    ['0314409058-002', '0314409058-002'],
    ['0314409058002', '0314409058-002'],
    [' 0100 233 488 ', '0100233488'],
  ])('accepts %s as %s', (input, canonical) => {
    expect(checkTaxCode(input)).toEqual({ valid: true, canonical });
  });

  it('refuses a wrong check digit', () => {
    expect(checkTaxCode('0100233480')).toEqual({ valid: false, reason: 'checkDigit' });
    expect(checkTaxCode('0314409059-002')).toEqual({ valid: false, reason: 'checkDigit' });
  });

  it.each(['010023348', '01002334881', '0100233488-02', '0100233488-000', 'O100233488', '0100000000', ''])('refuses the malformed %s', (input) => {
    expect(checkTaxCode(input)).toEqual({ valid: false, reason: 'format' });
  });

  it('refuses codes whose weighted sum leaves no possible check digit (r = 0)', () => {
    // Find a 9-digit prefix whose weighted sum is a multiple of 11: no 10th digit can make it valid.
    const prefix = [...Array(1000).keys()]
      .map((n) => `01${String(n).padStart(7, '0')}`)
      .find((p) => [...p].reduce((s, d, i) => s + Number(d) * [31, 29, 23, 19, 17, 13, 7, 5, 3][i], 0) % 11 === 0)!;
    for (let d = 0; d <= 9; d++) expect(checkTaxCode(`${prefix}${d}`).valid).toBe(false);
  });
});

describe('checkHouseholdTaxCode', () => {
  it('takes the owner’s 12-digit personal id number, or a tax code', () => {
    expect(checkHouseholdTaxCode('052 090 000 123')).toEqual({ valid: true, canonical: '052090000123' });
    expect(checkHouseholdTaxCode('0100233488')).toEqual({ valid: true, canonical: '0100233488' });
  });

  it.each(['000090000123', '099090000123', '05209000012', '0100233480'])('refuses %s', (input) => expect(checkHouseholdTaxCode(input).valid).toBe(false));
});
