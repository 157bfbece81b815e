import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

export const WIZARD_STEPS = ['profile', 'documents', 'submit', 'status'] as const;
export type WizardStep = (typeof WIZARD_STEPS)[number];

/** Where the person is in the four steps of registering; the done ones can be reopened. */
export function WizardSteps({ current, done = [] }: { current: WizardStep; done?: WizardStep[] }) {
  const { t } = useTranslation();
  return (
    <ol className="wizard-steps" aria-label={t('seller.wizard.progress')}>
      {WIZARD_STEPS.map((step, i) => {
        const label = (
          <>
            <span className="wizard-number" aria-hidden="true">
              {done.includes(step) ? '✓' : i + 1}
            </span>
            <span className="wizard-label">{t(`seller.wizard.${step}`)}</span>
          </>
        );
        return (
          <li
            key={step}
            className={`${step === current ? 'current' : ''} ${done.includes(step) ? 'done' : ''}`}
            aria-current={step === current ? 'step' : undefined}
          >
            {step === current || done.length === 0 ? (
              <span className="wizard-step">{label}</span>
            ) : (
              <Link className="wizard-step" to={`/seller/onboarding?step=${step}`}>
                {label}
              </Link>
            )}
          </li>
        );
      })}
    </ol>
  );
}
