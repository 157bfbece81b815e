/**
 * The dashboard's filters live in the URL (`?period=quarter&at=2026-Q4&formerDistrictCode=543`),
 * so a link pasted into a meeting invitation opens the same figures. Days are Vietnam days, as the
 * API counts them.
 */
export const PERIOD_KINDS = ['month', 'quarter', 'year', 'custom'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

export interface Period {
  kind: PeriodKind;
  /** `2026-12`, `2026-Q4`, `2026`; empty for a custom period. */
  at: string;
  from: string;
  to: string;
}

export interface DashboardFilters {
  period: Period;
  wardCode?: string;
  formerDistrictCode?: string;
}

const DAY = 86_400_000;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

export function todayInVietnam(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(now);
}

const toDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const msOf = (day: string) => Date.parse(`${day}T00:00:00Z`);
const addDays = (day: string, days: number) => toDay(msOf(day) + days * DAY);
const pad = (n: number) => String(n).padStart(2, '0');

/** The first day `months` months after the month of `day` (negative: before). */
function monthStart(day: string, months: number): string {
  const year = Number(day.slice(0, 4));
  const month = Number(day.slice(5, 7)) - 1 + months;
  const date = new Date(Date.UTC(year, month, 1));
  return toDay(date.getTime());
}

const MONTHS: Record<Exclude<PeriodKind, 'custom'>, number> = { month: 1, quarter: 3, year: 12 };

/** The unit containing `day`, written as the URL writes it. */
export function unitOf(kind: Exclude<PeriodKind, 'custom'>, day: string): string {
  const year = day.slice(0, 4);
  if (kind === 'year') return year;
  if (kind === 'month') return day.slice(0, 7);
  return `${year}-Q${Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1}`;
}

/** First day of a unit written as `unitOf` writes it; null when the text is no such unit. */
function unitStart(kind: Exclude<PeriodKind, 'custom'>, at: string): string | null {
  if (kind === 'year' && /^\d{4}$/.test(at)) return `${at}-01-01`;
  if (kind === 'month' && /^\d{4}-(0[1-9]|1[0-2])$/.test(at)) return `${at}-01`;
  const quarter = /^(\d{4})-Q([1-4])$/.exec(at);
  if (kind === 'quarter' && quarter) return `${quarter[1]}-${pad((Number(quarter[2]) - 1) * 3 + 1)}-01`;
  return null;
}

/** A unit ends on its last day, or today while it is still running (the API counts no future days). */
function unitPeriod(kind: Exclude<PeriodKind, 'custom'>, at: string, today: string): Period | null {
  const from = unitStart(kind, at);
  if (!from) return null;
  const end = addDays(monthStart(from, MONTHS[kind]), -1);
  return { kind, at, from, to: end < today ? end : today < from ? end : today };
}

export function readFilters(params: URLSearchParams, today = todayInVietnam()): DashboardFilters {
  const kind = (PERIOD_KINDS as readonly string[]).includes(params.get('period') ?? '') ? (params.get('period') as PeriodKind) : 'month';
  let period: Period | null = null;
  if (kind === 'custom') {
    const from = params.get('from') ?? '';
    const to = params.get('to') ?? '';
    if (ISO_DAY.test(from) && ISO_DAY.test(to)) period = { kind, at: '', from, to };
  } else {
    period = unitPeriod(kind, params.get('at') ?? unitOf(kind, today), today);
  }
  period ??= unitPeriod('month', unitOf('month', today), today)!;
  const wardCode = params.get('wardCode') || undefined;
  const formerDistrictCode = params.get('formerDistrictCode') || undefined;
  return { period, wardCode, formerDistrictCode };
}

/** The period just before, of the same length: the same days of the previous month, quarter or year. */
export function previousPeriod(period: Period): { from: string; to: string } {
  if (period.kind === 'custom') {
    const days = Math.round((msOf(period.to) - msOf(period.from)) / DAY);
    const to = addDays(period.from, -1);
    return { from: addDays(to, -days), to };
  }
  const months = MONTHS[period.kind];
  const from = monthStart(period.from, -months);
  if (period.to === addDays(monthStart(period.from, months), -1)) return { from, to: addDays(period.from, -1) };
  // Still running: as many days of the previous unit, no further than its end.
  const to = addDays(from, Math.round((msOf(period.to) - msOf(period.from)) / DAY));
  return { from, to: to < period.from ? to : addDays(period.from, -1) };
}

/** The API's query for these filters. */
export function uptakeQuery(filters: DashboardFilters, range: { from: string; to: string } = filters.period) {
  return {
    from: range.from,
    to: range.to,
    ...(filters.wardCode ? { wardCode: filters.wardCode } : {}),
    ...(filters.formerDistrictCode ? { formerDistrictCode: filters.formerDistrictCode } : {}),
  };
}

/** The query string these filters are kept under. */
export function writeFilters(filters: DashboardFilters, base = new URLSearchParams()): URLSearchParams {
  const next = new URLSearchParams(base);
  for (const name of ['period', 'at', 'from', 'to', 'wardCode', 'formerDistrictCode']) next.delete(name);
  next.set('period', filters.period.kind);
  if (filters.period.kind === 'custom') {
    next.set('from', filters.period.from);
    next.set('to', filters.period.to);
  } else next.set('at', filters.period.at);
  if (filters.formerDistrictCode) next.set('formerDistrictCode', filters.formerDistrictCode);
  if (filters.wardCode) next.set('wardCode', filters.wardCode);
  return next;
}

/** The period of `kind` that contains the given period's start (switching month → quarter keeps you near). */
export function periodOfKind(kind: PeriodKind, current: Period, today = todayInVietnam()): Period {
  if (kind === 'custom') return { kind, at: '', from: current.from, to: current.to };
  return unitPeriod(kind, unitOf(kind, current.from), today)!;
}

export function periodAt(kind: Exclude<PeriodKind, 'custom'>, at: string, today = todayInVietnam()): Period | null {
  return unitPeriod(kind, at, today);
}
