import { LAZADA_ERRORS } from './lazada/lazada.errors.js';
import { COMMON_ERRORS, errorSentence, type ErrorSentences } from './platform-errors.js';
import { SHOPEE_ERRORS } from './shopee/shopee.errors.js';
import { TIKTOK_SHOP_ERRORS } from './tiktok-shop/tiktok-shop.errors.js';

const MAPS: Record<string, ErrorSentences> = { common: COMMON_ERRORS, shopee: SHOPEE_ERRORS, lazada: LAZADA_ERRORS, 'tiktok-shop': TIKTOK_SHOP_ERRORS };

/** Codes the adapters classify or raise, as the platforms' documents name them (and our adapters' own). */
const KNOWN: Record<string, string[]> = {
  shopee: ['error_param', 'error_sign', 'error_auth', 'invalid_acceess_token', 'error_rate_limit', 'error_limit', 'error_item_not_found', 'logistics_missing'],
  lazada: ['IllegalAccessToken', 'IllegalRefreshToken', 'InvalidCode', 'IncompleteSignature', 'MissingParameter', '901', '4105', 'E0004'],
  'tiktok-shop': ['36009002', '105002', '106001', '36009004', '106013', '105005', 'warehouse_missing', 'product_frozen'],
};

describe('platform error sentences', () => {
  it.each(Object.entries(MAPS).flatMap(([platform, sentences]) => Object.entries(sentences).map(([code, s]) => [platform, code, s] as const)))(
    '%s %s says what to do in Vietnamese and in English',
    (_platform, _code, sentence) => {
      expect(sentence.vi.trim()).not.toBe('');
      expect(sentence.en.trim()).not.toBe('');
      expect(sentence.vi).not.toBe(sentence.en);
      // Vietnamese is written with its marks, and each sentence ends as one.
      expect(sentence.vi).toMatch(/[ăâđêôơưáàảãạéèẻẽẹíìỉĩịóòỏõọúùủũụýỳỷỹỵ]/i);
      expect(sentence.vi).toMatch(/\.$/);
      expect(sentence.en).toMatch(/\.$/);
    },
  );

  it.each(Object.entries(KNOWN).flatMap(([platform, codes]) => codes.map((code) => [platform, code])))('%s knows %s', (platform, code) => {
    expect(errorSentence(MAPS[platform], code, 'vi')).toEqual(expect.any(String));
    expect(errorSentence(MAPS[platform], code, 'en')).toEqual(expect.any(String));
  });

  it('reads a code by its last word, falls back to the common codes, and leaves unknown ones to the platform’s message', () => {
    expect(errorSentence(SHOPEE_ERRORS, 'product.error_item_not_found', 'en')).toBe(SHOPEE_ERRORS.error_item_not_found.en);
    expect(errorSentence(LAZADA_ERRORS, 'timeout', 'vi')).toBe(COMMON_ERRORS.timeout.vi);
    expect(errorSentence(TIKTOK_SHOP_ERRORS, 'http_503', 'en')).toBe(COMMON_ERRORS.http_5xx.en);
    expect(errorSentence(SHOPEE_ERRORS, 'error_something_new', 'vi')).toBeUndefined();
    expect(errorSentence(SHOPEE_ERRORS, null, 'vi')).toBeUndefined();
  });
});
