import { decodeCursor, encodeCursor, isTimePosition } from './pagination.js';

describe('cursors', () => {
  const id = '3f2b6c1e-8a4d-4c2e-9b1a-2d3c4e5f6a7b';

  it('reads back the position a page wrote', () => {
    const at = new Date('2026-11-30T08:15:00.123Z').toISOString();
    expect(decodeCursor(encodeCursor([at, id]), isTimePosition)).toEqual([at, id]);
  });

  it('refuses a forged time position as a bad cursor, before it reaches the database', () => {
    for (const forged of [
      ['2026-02-30T00:00:00.000Z', id],
      ['2026-13-01T00:00:00.000Z', id],
      ['yesterday', id],
      ['2026-11-30T08:15:00.123Z', "x' OR 1=1"],
      ['2026-11-30T08:15:00.123Z'],
      'nope',
    ]) {
      expect(() => decodeCursor(encodeCursor(forged), isTimePosition)).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
    }
    expect(() => decodeCursor('%%%', isTimePosition)).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
  });
});
