import { escapeLike, trimString } from './text.js';

describe('text helpers', () => {
  it('escapes LIKE wildcards and the escape character itself', () => {
    expect(escapeLike('50%_giảm\\')).toBe('50\\%\\_giảm\\\\');
    expect(escapeLike('nuoc mam')).toBe('nuoc mam');
  });

  it('trims strings and leaves other values for the validators', () => {
    expect(trimString({ value: '  Tam Quan ' })).toBe('Tam Quan');
    expect(trimString({ value: 42 })).toBe(42);
  });
});
