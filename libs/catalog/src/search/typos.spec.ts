import { typoAllowance, typoDistance } from './typos.js';

describe('typos', () => {
  it('allows none below four letters, one from four, two from nine', () => {
    expect(['mam', 'xo', 'dua'].map((w) => typoAllowance(w.length))).toEqual([0, 0, 0]);
    expect(['nuoc', 'trang', 'thanhlong'.slice(0, 8)].map((w) => typoAllowance(w.length))).toEqual([1, 1, 1]);
    expect(['thanhlong', 'vietgapxx'].map((w) => typoAllowance(w.length))).toEqual([2, 2]);
  });

  it('counts added, dropped and changed letters, and a swap of neighbours as one', () => {
    expect(typoDistance('mamm', 'mam')).toBe(1);
    expect(typoDistance('trangg', 'trang')).toBe(1);
    expect(typoDistance('nuoc', 'ruoc')).toBe(1);
    expect(typoDistance('bahn', 'banh')).toBe(1);
    expect(typoDistance('trnag', 'trang')).toBe(1);
    expect(typoDistance('banh', 'bana')).toBe(1);
    expect(typoDistance('nuoc', 'muoi')).toBe(2);
    expect(typoDistance('', 'abc')).toBe(3);
    expect(typoDistance('xoai', 'xoai')).toBe(0);
  });
});
