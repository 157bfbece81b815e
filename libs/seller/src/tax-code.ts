/**
 * Vietnamese tax code (mã số thuế) of a cooperative or enterprise: 10 digits, or 13 for a branch
 * written NNNNNNNNNN-NNN. Rule from vietnam.md (same as python-stdnum's stdnum/vn/mst.py).
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

/**
 * A household business's identifier: since 1 July 2025 its owner's 12-digit personal id number
 * (số định danh cá nhân, the CCCD number; no check digit, its first three digits the province of
 * birth registration, 001–096), or a tax code it already had.
 */
export function checkHouseholdTaxCode(input: string): TaxCodeCheck {
  const compact = input.replace(/[\s.]/g, '');
  if (/^\d{12}$/.test(compact)) {
    const province = Number(compact.slice(0, 3));
    return province >= 1 && province <= 96 ? { valid: true, canonical: compact } : { valid: false, reason: 'format' };
  }
  return checkTaxCode(input);
}
