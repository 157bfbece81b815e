/**
 * How a report reads a period's sales: the rollup has days, weeks (Monday to Sunday) and months,
 * and a period from `from` to `to` (days included) is covered exactly, without overlap, by the
 * coarsest pieces that fit inside it. With `grain: 'month'` no piece crosses a month boundary
 * (sales bucketed by month, or summed); with `grain: 'week'` no piece crosses a week boundary.
 * Dates are YYYY-MM-DD.
 */
export interface PeriodCover {
  months: string[];
  weeks: string[];
  days: string[];
}

export function coverPeriod(from: string, to: string, grain: 'month' | 'week'): PeriodCover {
  const cover: PeriodCover = { months: [], weeks: [], days: [] };
  if (from > to) return cover;
  if (grain === 'week') {
    weeksAndDays(from, to, cover);
    return cover;
  }
  // Month by month: a whole month is one piece; a cut one, its whole weeks and then days.
  for (let start = from; start <= to; start = nextMonth(start)) {
    const end = min(to, addDays(nextMonth(start), -1));
    if (start.endsWith('-01') && end === addDays(nextMonth(start), -1)) cover.months.push(start);
    else weeksAndDays(start, end, cover);
  }
  return cover;
}

/** Whole weeks inside [from, to], and the days before and after them. */
function weeksAndDays(from: string, to: string, cover: PeriodCover): void {
  let day = from;
  while (day <= to) {
    if (isMonday(day) && addDays(day, 6) <= to) {
      cover.weeks.push(day);
      day = addDays(day, 7);
    } else {
      cover.days.push(day);
      day = addDays(day, 1);
    }
  }
}

/** The first day of every week (Monday) or month that the period touches, as YYYY-MM-DD. */
export function bucketStarts(from: string, to: string, interval: 'week' | 'month'): string[] {
  const start = utc(from);
  if (interval === 'month') start.setUTCDate(1);
  else start.setUTCDate(start.getUTCDate() - ((start.getUTCDay() + 6) % 7));
  const out: string[] = [];
  for (
    const cursor = start;
    cursor <= utc(to);
    interval === 'month' ? cursor.setUTCMonth(cursor.getUTCMonth() + 1) : cursor.setUTCDate(cursor.getUTCDate() + 7)
  ) {
    out.push(iso(cursor));
  }
  return out;
}

const utc = (day: string) => new Date(`${day}T00:00:00Z`);
const iso = (date: Date) => date.toISOString().slice(0, 10);
const min = (a: string, b: string) => (a < b ? a : b);

function addDays(day: string, n: number): string {
  const date = utc(day);
  date.setUTCDate(date.getUTCDate() + n);
  return iso(date);
}

/** The first day of the month after `day`'s. */
function nextMonth(day: string): string {
  const date = utc(day);
  return iso(new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1)));
}

function isMonday(day: string): boolean {
  return utc(day).getUTCDay() === 1;
}
