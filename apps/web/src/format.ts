/** Money is integer đồng everywhere: 150000 → "150.000 ₫" in both languages, as Vietnamese shops write it. */
const vnd = new Intl.NumberFormat('vi-VN', { style: 'currency', currency: 'VND', maximumFractionDigits: 0 });
export function formatVnd(amount: number): string {
  return vnd.format(amount);
}

const TIME_ZONE = 'Asia/Ho_Chi_Minh';

/** Dates and times are shown in Vietnam time, whatever the device's zone. */
export function formatDateTime(iso: string, lang: string): string {
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'vi-VN', { dateStyle: 'medium', timeStyle: 'short', timeZone: TIME_ZONE }).format(new Date(iso));
}

export function formatDate(iso: string, lang: string): string {
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'vi-VN', { dateStyle: 'medium', timeZone: TIME_ZONE }).format(new Date(iso));
}

export function formatGrams(grams: number): string {
  return grams >= 1000 ? `${(grams / 1000).toLocaleString('vi-VN', { maximumFractionDigits: 2 })} kg` : `${grams} g`;
}

/** For matching typed text against names: "nuoc mam" finds "Nước mắm". */
export function foldAccents(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase();
}
