import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Schemas } from '../../api/client';

type Step = Schemas['OnboardingStepDto']['key'];

/** Where each step of the checklist is done. */
const WHERE: Record<Step, string> = {
  profile_complete: '/seller/onboarding?step=profile',
  documents_uploaded: '/seller/onboarding?step=documents',
  submitted: '/seller/onboarding?step=submit',
  approved: '/seller/onboarding?step=status',
  first_product_published: '/seller/products',
  first_channel_connected: '/seller/channels',
  first_order_received: '/seller/orders',
};

export function OnboardingChecklist({ onboarding }: { onboarding: Schemas['OnboardingDto'] }) {
  const { t } = useTranslation();
  const next = onboarding.steps.find((s) => !s.done)?.key;
  return (
    <section className="checklist" aria-labelledby="checklist-title">
      <h2 id="checklist-title">{t('seller.checklist.title', { done: onboarding.done, total: onboarding.total })}</h2>
      <div className="checklist-bar" aria-hidden="true">
        <div style={{ width: `${(onboarding.done / onboarding.total) * 100}%` }} />
      </div>
      <ol>
        {onboarding.steps.map((step) => (
          <li key={step.key} className={step.done ? 'done' : step.key === next ? 'next' : undefined}>
            <span className="check" aria-hidden="true">
              {step.done ? '✓' : ''}
            </span>
            <span className="checklist-text">
              {step.done ? (
                <>
                  {t(`seller.checklist.${step.key}`)} <span className="visually-hidden">({t('seller.checklist.doneMark')})</span>
                </>
              ) : (
                <Link to={WHERE[step.key]}>{t(`seller.checklist.${step.key}`)}</Link>
              )}
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}
