/**
 * The tax code (mã số thuế) check the API applies (libs/seller/src/tax-code.ts), for the form to
 * answer as the person types: 10 digits, or 13 for a branch written NNNNNNNNNN-NNN; the 10th digit
 * is a weighted check digit (the published rule, as in python-stdnum's stdnum/vn/mst.py). The API
 * stays the judge; this only spares a round trip.
 */
export type TaxCodeCheck = { valid: true; canonical: string } | { valid: false; reason: 'format' | 'checkDigit' };

const WEIGHTS = [31, 29, 23, 19, 17, 13, 7, 5, 3];

export function checkTaxCode(input: string): TaxCodeCheck {
  const compact = input.replace(/[\s.]/g, '');
  const match = /^(\d{10})(?:-?(\d{3}))?$/.exec(compact);
  if (!match) return { valid: false, reason: 'format' };
  const [, main, branch] = match;
  const digits = [...main].map(Number);
  if (digits.slice(2, 9).every((d) => d === 0) || branch === '000') return { valid: false, reason: 'format' };
  const r = WEIGHTS.reduce((sum, weight, i) => sum + weight * digits[i], 0) % 11;
  if (r === 0) return { valid: false, reason: 'checkDigit' };
  const check = r === 10 ? 0 : 10 - r;
  if (check !== digits[9]) return { valid: false, reason: 'checkDigit' };
  return { valid: true, canonical: branch ? `${main}-${branch}` : main };
}
