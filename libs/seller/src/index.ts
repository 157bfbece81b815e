export { SellerModule } from './seller.module.js';
export { CooperativeAccess, isOfficial, type AccessLevel } from './cooperatives/cooperative-access.js';
export { CooperativeStatus } from './cooperatives/cooperative-status.js';
export { DocumentKind, SellerKind } from './cooperatives/cooperative.entities.js';
export { OnboardingFacts } from './onboarding/onboarding-facts.js';
export { PayoutAccounts } from './payout-account/payout-accounts.service.js';
