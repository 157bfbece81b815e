import i18next, { type TOptions } from 'i18next';
import { DEFAULT_LOCALE, type Locale } from './locale.js';
import { messages } from './messages.js';

const instance = i18next.createInstance();
void instance.init({
  resources: { vi: { translation: messages.vi }, en: { translation: messages.en } },
  lng: DEFAULT_LOCALE,
  fallbackLng: DEFAULT_LOCALE,
  initAsync: false,
  interpolation: { escapeValue: false },
  returnNull: false,
});

/** Translates `key` (e.g. `errors.NOT_FOUND`) into `locale`; unknown keys fall back to `fallbackKey`. */
export function translate(locale: Locale, key: string, params: Record<string, unknown> = {}, fallbackKey?: string): string {
  const options: TOptions = { lng: locale, ...params };
  if (fallbackKey && !instance.exists(key, { lng: locale })) return instance.t(fallbackKey, options);
  return instance.t(key, options);
}

type Bundle = Record<string, unknown>;

/**
 * A bounded context adds its own messages (error codes, entity names) under the same keys' layout.
 * Keys share one namespace: a key another context already gave a different text is refused at
 * start-up, because merging would silently change that context's messages.
 */
export function registerMessages(bundles: { vi: Bundle; en: Bundle }): void {
  for (const locale of ['vi', 'en'] as const) {
    const clashes = leaves(bundles[locale]).filter(([key, text]) => {
      const existing: unknown = instance.getResource(locale, 'translation', key);
      return existing !== undefined && existing !== text;
    });
    if (clashes.length > 0) throw new Error(`message keys already registered with another text (${locale}): ${clashes.map(([key]) => key).join(', ')}`);
  }
  instance.addResourceBundle('vi', 'translation', bundles.vi, true, true);
  instance.addResourceBundle('en', 'translation', bundles.en, true, true);
}

function leaves(bundle: Bundle, prefix = ''): Array<[string, unknown]> {
  return Object.entries(bundle).flatMap(([key, value]) =>
    value && typeof value === 'object' ? leaves(value as Bundle, `${prefix}${key}.`) : [[`${prefix}${key}`, value] as [string, unknown]],
  );
}
