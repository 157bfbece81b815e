import type { Schemas } from '../../api/client';

export type AwaitingTransfer = Schemas['AwaitingTransferDto'];
export type Refund = Schemas['RefundDto'];
export type StatementLine = Schemas['StatementLineDto'];
export type StatementSummary = Schemas['StatementSummaryDto'];
export type Return = Schemas['ReturnDto'];

export const LINE_STATUSES = ['matched', 'short', 'over', 'unmatched', 'duplicate'] as const satisfies readonly StatementLine['status'][];

/** The collector's people: admins, and officials holding the finance permission (the API checks it again). */
export function actsForCollector(user: Schemas['UserDto'] | null): boolean {
  return !!user && (user.roles.includes('admin') || user.roles.includes('finance'));
}

/** "3 hours ago" in the page's language, from an ISO time; null under a minute (the page says "just now"). */
export function ageOf(iso: string, lang: string, now = Date.now()): string | null {
  const minutes = Math.round((new Date(iso).getTime() - now) / 60_000);
  if (minutes === 0) return null;
  const format = new Intl.RelativeTimeFormat(lang === 'en' ? 'en' : 'vi', { numeric: 'always' });
  if (Math.abs(minutes) < 60) return format.format(minutes, 'minute');
  if (Math.abs(minutes) < 48 * 60) return format.format(Math.round(minutes / 60), 'hour');
  return format.format(Math.round(minutes / 1440), 'day');
}

/** Ids are long; people read the first block, as the seller portal shows orders. */
export const shortId = (id: string) => id.slice(0, 8).toUpperCase();
