import { arrayLiteral } from './insert-many.js';

describe('arrayLiteral', () => {
  it('quotes every element, so commas, braces, quotes and backslashes stay inside it', () => {
    expect(arrayLiteral([1, 12])).toBe('{"1","12"}');
    expect(arrayLiteral(['Gò Bồi, Phước Thuận', '{x}', 'say "ngon"', 'a\\b', null])).toBe('{"Gò Bồi, Phước Thuận","{x}","say \\"ngon\\"","a\\\\b",NULL}');
  });
});
