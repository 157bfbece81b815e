import { registerMessages, translate } from './i18n.js';

describe('registerMessages', () => {
  it('adds a context’s messages and refuses to change a key another context registered', () => {
    registerMessages({ vi: { validation: { specOnlyKey: 'Một {{x}}' } }, en: { validation: { specOnlyKey: 'One {{x}}' } } });
    expect(translate('en', 'validation.specOnlyKey', { x: 'cat' })).toBe('One cat');
    // The same text again is harmless (modules imported twice register twice).
    expect(() => registerMessages({ vi: { validation: { specOnlyKey: 'Một {{x}}' } }, en: { validation: { specOnlyKey: 'One {{x}}' } } })).not.toThrow();
    expect(() => registerMessages({ vi: { validation: { specOnlyKey: 'Khác' } }, en: { validation: {} } })).toThrow('validation.specOnlyKey');
    expect(() => registerMessages({ vi: {}, en: { errors: { NOT_FOUND: 'Something else' } } })).toThrow('errors.NOT_FOUND');
    expect(translate('en', 'validation.specOnlyKey', { x: 'cat' })).toBe('One cat');
  });
});
