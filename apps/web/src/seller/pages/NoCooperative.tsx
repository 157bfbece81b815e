import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useSession } from '../../session';

/** A buyer (or an official) in the seller area: nothing of anyone's cooperative, and a way in. */
export function NoCooperative() {
  const { t } = useTranslation();
  const session = useSession();
  const official = session.user?.roles.some((r) => r === 'official' || r === 'admin');
  return (
    <section className="narrow no-cooperative">
      <h1>{t('seller.none.title')}</h1>
      {official ? (
        <p>{t('seller.none.official')}</p>
      ) : (
        <>
          <p>{t('seller.none.lead')}</p>
          <ol className="steps-preview">
            <li>{t('seller.none.step1')}</li>
            <li>{t('seller.none.step2')}</li>
            <li>{t('seller.none.step3')}</li>
          </ol>
          <p>
            <Link to="/seller/new" className="button wide">
              {t('seller.none.create')}
            </Link>
          </p>
          <p className="muted small">
            {t('seller.none.joinHint')} <Link to="/seller/invitations">{t('seller.none.invitations')}</Link>
          </p>
        </>
      )}
      <p>
        <Link to="/">{t('seller.nav.storefront')}</Link>
      </p>
    </section>
  );
}
