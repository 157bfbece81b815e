import { CATALOG_ERRORS } from '@nongsan/catalog';
import { CHANNEL_ERRORS } from '@nongsan/channels';
import { CORE_ERRORS, translate, type Locale } from '@nongsan/core';
import { DELIVERY_ERRORS } from '@nongsan/delivery';
import { ORDER_ERRORS } from '@nongsan/order';
import { SELLER_ERRORS } from '@nongsan/seller';

// The API answers with every context's codes; importing a context registers its messages.
const contexts = {
  core: CORE_ERRORS,
  seller: SELLER_ERRORS,
  catalog: CATALOG_ERRORS,
  channels: CHANNEL_ERRORS,
  order: ORDER_ERRORS,
  delivery: DELIVERY_ERRORS,
};
const codes = Object.entries(contexts).flatMap(([context, statuses]) => Object.entries(statuses).map(([code, status]) => ({ context, code, status })));
const locales: Locale[] = ['vi', 'en'];

/** The values a message fills in, like `limit` in "tối đa {{limit}} đơn", sorted. */
const placeholders = (message: string) => [...new Set(Array.from(message.matchAll(/\{\{(\w+)\}\}/g), (m) => m[1]))].sort();

describe('error codes', () => {
  it('each belong to one context, so a code a client switches on has one meaning and one status', () => {
    const owners = new Map<string, string[]>();
    for (const { context, code } of codes) owners.set(code, [...(owners.get(code) ?? []), context]);
    expect([...owners].filter(([, contexts]) => contexts.length > 1)).toEqual([]);
  });

  it('answer with a client (4xx) or server (5xx) error status', () => {
    expect(codes.filter(({ status }) => !(status >= 400 && status <= 599))).toEqual([]);
  });

  it('have a Vietnamese and an English message that say more than the code', () => {
    const unsaid = codes.flatMap(({ code }) =>
      locales
        .map((locale) => ({ code, locale, message: translate(locale, `errors.${code}`) }))
        .filter(({ message }) => message.trim() === '' || message === code || message === `errors.${code}`),
    );
    expect(unsaid).toEqual([]);
    expect(codes.filter(({ code }) => translate('vi', `errors.${code}`) === translate('en', `errors.${code}`))).toEqual([]);
  });

  it('fill the same values into the Vietnamese and the English message', () => {
    const differing = codes
      .map(({ code }) => ({ code, vi: placeholders(translate('vi', `errors.${code}`)), en: placeholders(translate('en', `errors.${code}`)) }))
      .filter(({ vi, en }) => vi.join() !== en.join());
    expect(differing).toEqual([]);
  });
});
