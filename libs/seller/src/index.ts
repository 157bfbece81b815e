export { SellerModule } from './seller.module.js';
export { SELLER_ERRORS, type SellerErrorCode } from './seller.errors.js';
export { CooperativeAccess, isOfficial, type AccessLevel, type Granted } from './cooperatives/cooperative-access.js';
export { CooperativeStatus } from './cooperatives/cooperative-status.js';
export { DocumentKind, MemberRole, SellerKind } from './cooperatives/cooperative.entities.js';
export { OnboardingFacts, type ExternalOnboardingStep, type OnboardingFact } from './onboarding/onboarding-facts.js';
export { checkTaxCode } from './tax-code.js';
export { PayoutAccounts } from './payout-account/payout-accounts.service.js';
export type { PayoutAccountDto } from './payout-account/payout-account.dto.js';
