import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AuthUser } from '@nongsan/core';
import type { DataSource } from 'typeorm';
import { CooperativeAccess } from '../cooperatives/cooperative-access.js';
import { CooperativeStatus } from '../cooperatives/cooperative-status.js';
import { Cooperative, CooperativeDocument, CooperativeStatusChange, DocumentKind } from '../cooperatives/cooperative.entities.js';
import { OnboardingFacts, type ExternalOnboardingStep } from './onboarding-facts.js';
import type { OnboardingDto, OnboardingStepDto } from './onboarding.dto.js';

/** The profile fields a cooperative needs before it can be reviewed. */
export function missingProfileFields(c: Cooperative): string[] {
  const required: Array<keyof Cooperative> = ['name', 'taxCode', 'representative', 'phone', 'email', 'wardCode', 'addressLine', 'description'];
  return required.filter((field) => !c[field] || String(c[field]).trim() === '');
}

const EXTERNAL_STEPS: ExternalOnboardingStep[] = ['first_product_published', 'first_channel_connected', 'first_order_received'];

/** Onboarding progress, derived each time from the facts — never stored flags that could drift. */
@Injectable()
export class OnboardingService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: CooperativeAccess,
    private readonly facts: OnboardingFacts,
  ) {}

  async progress(user: AuthUser, id: string): Promise<OnboardingDto> {
    const { cooperative } = await this.access.require(user, id, 'read');
    const firstRegistration = await this.db
      .getRepository(CooperativeDocument)
      .findOne({ where: { cooperativeId: id, kind: DocumentKind.BusinessRegistration }, order: { createdAt: 'ASC' } });
    const firstReached = async (status: CooperativeStatus) =>
      (await this.db.getRepository(CooperativeStatusChange).findOne({ where: { cooperativeId: id, toStatus: status }, order: { id: 'ASC' } }))?.createdAt ?? null;

    const missingProfile = missingProfileFields(cooperative);
    const steps: OnboardingStepDto[] = [
      step('profile_complete', missingProfile.length === 0, null, missingProfile),
      step('documents_uploaded', !!firstRegistration, firstRegistration?.createdAt ?? null, firstRegistration ? [] : [DocumentKind.BusinessRegistration]),
      stepAt('submitted', await firstReached(CooperativeStatus.Submitted)),
      stepAt('approved', await firstReached(CooperativeStatus.Approved)),
    ];
    for (const key of EXTERNAL_STEPS) steps.push(stepAt(key, await this.facts.doneAt(key, id)));
    return { steps, done: steps.filter((s) => s.done).length, total: steps.length };
  }
}

function step(key: string, done: boolean, at: Date | null, missing: string[] = []): OnboardingStepDto {
  return { key, done, doneAt: at?.toISOString() ?? null, missing };
}

const stepAt = (key: string, at: Date | null) => step(key, at !== null, at);
