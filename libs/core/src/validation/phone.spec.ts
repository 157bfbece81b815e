import { toE164VietnamesePhone } from './phone.js';

describe('toE164VietnamesePhone', () => {
  it.each([
    ['0905 123 456', '+84905123456'],
    ['+84 912 345 678', '+84912345678'],
    ['0389123456', '+84389123456'],
    ['0256 3822 123', '+842563822123'],
  ])('accepts %s as %s', (input, expected) => {
    expect(toE164VietnamesePhone(input)).toBe(expected);
  });

  it.each(['01681234567', '12345', '+1 202 555 0143', 'không có'])('refuses %s', (input) => {
    expect(toE164VietnamesePhone(input)).toBeUndefined();
  });
});
