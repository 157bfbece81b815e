import { slugify } from './slug.js';

describe('slugify', () => {
  it.each([
    ['Hợp tác xã Nước mắm Gò Bồi', 'hop-tac-xa-nuoc-mam-go-boi'],
    ['HTX Rượu Bàu Đá — Nhơn Lộc', 'htx-ruou-bau-da-nhon-loc'],
    ['  Đặc sản   Tam Quan!! ', 'dac-san-tam-quan'],
    ['***', 'x'],
  ])('%s → %s', (input, expected) => {
    expect(slugify(input)).toBe(expected);
  });
});
