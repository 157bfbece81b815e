import { useTranslation } from 'react-i18next';
import { setLanguage } from '../i18n';

/** The one button every area's header carries: it offers the other language, named in that language. */
export function LanguageSwitch() {
  const { i18n } = useTranslation();
  const other = i18n.language === 'en' ? 'vi' : 'en';
  return (
    <button
      type="button"
      className="link-button lang-switch"
      lang={other}
      aria-label={other === 'en' ? 'English' : 'Tiếng Việt'}
      onClick={() => setLanguage(other)}
    >
      <span aria-hidden="true">{other === 'en' ? 'EN' : 'VI'}</span>
    </button>
  );
}
