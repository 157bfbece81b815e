/**
 * A calendar date `days` from today (negative: in the past), as `YYYY-MM-DD`. For what a test needs
 * valid, or expired, on whatever day it runs — a certificate, an expiry — instead of a fixed date
 * that turns the test red the day it passes.
 */
export function daysFromToday(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}
