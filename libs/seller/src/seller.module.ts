import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import './messages.js';
import { CooperativeAccess } from './cooperatives/cooperative-access.js';
import { CooperativeBackfill } from './cooperatives/cooperative-backfill.js';
import { Cooperative, CooperativeDocument, CooperativeMember, CooperativeStatusChange } from './cooperatives/cooperative.entities.js';
import { CooperativesController } from './cooperatives/cooperatives.controller.js';
import { CooperativesService } from './cooperatives/cooperatives.service.js';
import { DocumentsController } from './documents/documents.controller.js';
import { DocumentsService } from './documents/documents.service.js';
import { JobsController } from './jobs/jobs.controller.js';
import { CooperativeInvitation } from './members/invitation.entity.js';
import { InvitationsController } from './members/invitations.controller.js';
import { InvitationsService } from './members/invitations.service.js';
import { MembersController } from './members/members.controller.js';
import { MembersService } from './members/members.service.js';
import { OnboardingFacts } from './onboarding/onboarding-facts.js';
import { OnboardingService } from './onboarding/onboarding.service.js';
import { PayoutAccountsController } from './payout-account/payout-accounts.controller.js';
import { PayoutAccounts } from './payout-account/payout-accounts.service.js';
import { AdminCooperativesController } from './verification/admin-cooperatives.controller.js';
import { VerificationService } from './verification/verification.service.js';

/** Cooperatives, members, papers, verification by the Department, onboarding progress. */
@Module({
  imports: [TypeOrmModule.forFeature([Cooperative, CooperativeMember, CooperativeDocument, CooperativeStatusChange, CooperativeInvitation])],
  controllers: [
    CooperativesController,
    MembersController,
    InvitationsController,
    DocumentsController,
    AdminCooperativesController,
    JobsController,
    PayoutAccountsController,
  ],
  providers: [
    CooperativeAccess,
    CooperativesService,
    MembersService,
    InvitationsService,
    DocumentsService,
    VerificationService,
    OnboardingService,
    OnboardingFacts,
    CooperativeBackfill,
    PayoutAccounts,
  ],
  exports: [CooperativeAccess, OnboardingFacts, PayoutAccounts, CooperativeBackfill],
})
export class SellerModule {}
