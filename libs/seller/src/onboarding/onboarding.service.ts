import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AuthUser } from '@nongsan/core';
import type { DataSource, EntityManager } from 'typeorm';
import { CooperativeAccess } from '../cooperatives/cooperative-access.js';
import { CooperativeStatus } from '../cooperatives/cooperative-status.js';
import { Cooperative, CooperativeStatusChange, DocumentKind, REQUIRED_PAPERS, SellerKind } from '../cooperatives/cooperative.entities.js';
import { OnboardingFacts, type ExternalOnboardingStep } from './onboarding-facts.js';
import type { OnboardingDto, OnboardingStepDto } from './onboarding.dto.js';

/** The profile fields a cooperative needs before it can be reviewed. */
export function missingProfileFields(c: Cooperative): string[] {
  const required: Array<keyof Cooperative> = ['name', 'taxCode', 'representative', 'phone', 'email', 'wardCode', 'addressLine', 'description'];
  return required.filter((field) => !c[field] || String(c[field]).trim() === '');
}

/**
 * The papers of the seller's kind (REQUIRED_PAPERS) not uploaded yet, and when the last of them
 * first was: a household business needs its registration and the owner's identity card.
 */
export async function firstUploads(manager: EntityManager, cooperative: Cooperative): Promise<{ missing: DocumentKind[]; completedAt: Date | null }> {
  const required = REQUIRED_PAPERS[cooperative.kind];
  const rows = await manager.query<Array<{ kind: DocumentKind; first: Date }>>(
    `SELECT kind, min(created_at) AS first FROM cooperative_documents WHERE cooperative_id = $1 AND kind = ANY($2) GROUP BY kind`,
    [cooperative.id, required],
  );
  const missing = required.filter((paper) => !rows.some((r) => r.kind === paper));
  const completedAt = rows.length > 0 ? new Date(Math.max(...rows.map((r) => new Date(r.first).getTime()))) : null;
  return { missing, completedAt };
}

export const missingPapers = async (manager: EntityManager, cooperative: Cooperative) => (await firstUploads(manager, cooperative)).missing;

/** The message asking for a missing paper, named as the seller's kind calls it. */
export const paperMissingKey = (kind: SellerKind, paper: DocumentKind) =>
  kind === SellerKind.Cooperative && paper === DocumentKind.BusinessRegistration
    ? 'validation.businessRegistrationMissing'
    : `validation.paperMissing.${kind}.${paper}`;

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
    const papers = await firstUploads(this.db.manager, cooperative);
    const firstReached = async (status: CooperativeStatus) =>
      (await this.db.getRepository(CooperativeStatusChange).findOne({ where: { cooperativeId: id, toStatus: status }, order: { id: 'ASC' } }))?.createdAt ??
      null;

    const missingProfile = missingProfileFields(cooperative);
    const steps: OnboardingStepDto[] = [
      step('profile_complete', missingProfile.length === 0, null, missingProfile),
      step('documents_uploaded', papers.missing.length === 0, papers.missing.length === 0 ? papers.completedAt : null, papers.missing),
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
