import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useDocumentTitle } from '../../hooks';
import { useSession } from '../../session';
import { useShell } from '../area';
import { CooperativeProfileForm } from '../ui/CooperativeProfileForm';
import { WizardSteps } from '../ui/WizardSteps';

/** The first step of the guided path, before the cooperative exists. */
export function CreateCooperativePage() {
  const { t } = useTranslation();
  useDocumentTitle(t('seller.wizard.createTitle'));
  const shell = useShell();
  const session = useSession();
  const navigate = useNavigate();
  return (
    <section className="narrow wizard">
      <h1>{t('seller.wizard.createTitle')}</h1>
      <WizardSteps current="profile" />
      <p>{t('seller.wizard.createLead')}</p>
      <CooperativeProfileForm
        email={session.user?.email}
        onSaved={(created) => {
          shell.refresh(created.id);
          navigate('/seller/onboarding?step=documents');
        }}
      />
    </section>
  );
}
