import i18next from 'i18next';
import { en } from './en';
import { vi } from './vi';

// The seller portal's words travel in its own chunk, under the `seller` key of the one namespace.
i18next.addResourceBundle('vi', 'translation', { seller: vi }, true, true);
i18next.addResourceBundle('en', 'translation', { seller: en }, true, true);
