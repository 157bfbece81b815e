import { describe, expect, it } from '@jest/globals';
import { checkTaxCode } from './tax-code';

// The same vectors as the API's own spec (libs/seller/src/tax-code.spec.ts): both must agree.
describe('checkTaxCode in the web form', () => {
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

  it.each(['010023348', '01002334881', '0100233488-02', '0100233488-000', 'O100233488', '0100000000', ''])('calls %s malformed', (input) => {
    expect(checkTaxCode(input)).toEqual({ valid: false, reason: 'format' });
  });

  it('refuses every last digit when the weighted sum leaves none possible (r = 0)', () => {
    const weights = [31, 29, 23, 19, 17, 13, 7, 5, 3];
    const prefix = [...Array(1000).keys()].map((n) => `01${String(n).padStart(7, '0')}`).find((p) => [...p].reduce((s, d, i) => s + Number(d) * weights[i], 0) % 11 === 0)!;
    for (let d = 0; d <= 9; d++) expect(checkTaxCode(`${prefix}${d}`)).toEqual({ valid: false, reason: 'checkDigit' });
  });
});
