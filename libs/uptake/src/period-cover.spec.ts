import fc from 'fast-check';
import { coverPeriod } from './period-cover.js';

const day = (offset: number) => new Date(Date.UTC(2024, 0, 1) + offset * 86_400_000).toISOString().slice(0, 10);
const expand = (start: string, unit: 'month' | 'week' | 'day'): string[] => {
  const out: string[] = [];
  const d = new Date(`${start}T00:00:00Z`);
  const month = d.getUTCMonth();
  for (let i = 0; i < (unit === 'day' ? 1 : unit === 'week' ? 7 : 31); i++) {
    const next = new Date(d.getTime() + i * 86_400_000);
    if (unit === 'month' && next.getUTCMonth() !== month) break;
    out.push(next.toISOString().slice(0, 10));
  }
  return out;
};

describe('coverPeriod', () => {
  it('covers a year to mid-month with eleven months, the weeks of the last month and its odd days', () => {
    expect(coverPeriod('2025-12-01', '2026-11-29', 'month')).toEqual({
      months: [
        '2025-12-01',
        '2026-01-01',
        '2026-02-01',
        '2026-03-01',
        '2026-04-01',
        '2026-05-01',
        '2026-06-01',
        '2026-07-01',
        '2026-08-01',
        '2026-09-01',
        '2026-10-01',
      ],
      weeks: ['2026-11-02', '2026-11-09', '2026-11-16', '2026-11-23'],
      days: ['2026-11-01'],
    });
    expect(coverPeriod('2025-12-01', '2026-11-29', 'week').weeks).toHaveLength(52);
    expect(coverPeriod('2026-11-05', '2026-11-04', 'month')).toEqual({ months: [], weeks: [], days: [] });
  });

  it('covers every day of any period exactly once, and no piece crosses a bucket of its grain', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 900 }),
        fc.integer({ min: 0, max: 400 }),
        fc.constantFrom('month' as const, 'week' as const),
        (start, length, grain) => {
          const from = day(start);
          const to = day(start + length);
          const cover = coverPeriod(from, to, grain);
          const pieces = [...cover.months.map((m) => expand(m, 'month')), ...cover.weeks.map((w) => expand(w, 'week')), ...cover.days.map((d) => [d])];
          const covered = pieces.flat().sort();
          const expected = Array.from({ length: length + 1 }, (_, i) => day(start + i));
          expect(covered).toEqual(expected);
          for (const piece of pieces) {
            const bucket = (d: string) => (grain === 'month' ? d.slice(0, 7) : Math.floor((Date.parse(d) / 86_400_000 + 3) / 7));
            expect(new Set(piece.map(bucket)).size).toBe(1);
          }
          if (grain === 'week') expect(cover.months).toEqual([]);
        },
      ),
    );
  });
});
