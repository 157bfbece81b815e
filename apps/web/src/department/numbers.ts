const locale = (lang: string) => (lang === 'en' ? 'en' : 'vi-VN');

/** Counts as each language writes them: 1.234 in Vietnamese, 1,234 in English. */
export function formatCount(value: number, lang: string): string {
  return new Intl.NumberFormat(locale(lang), { maximumFractionDigits: 1 }).format(value);
}

/** A share from 0 to 1 as a percentage: 0.425 → "42,5 %" / "42.5%". */
export function formatShare(share: number, lang: string): string {
  return new Intl.NumberFormat(locale(lang), { style: 'percent', maximumFractionDigits: 1 }).format(share);
}
