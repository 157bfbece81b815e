import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  AdminUnitsService,
  AppConfig,
  AppException,
  UsersService,
  AuditService,
  NotificationAudience,
  NotificationOutbox,
  ObjectStorage,
  type AuthUser,
  type FieldIssue,
} from '@nongsan/core';
import type { DataSource, EntityManager } from 'typeorm';
import { CooperativeAccess } from '../cooperatives/cooperative-access.js';
import { CooperativeStatus, nextStatus, type VerificationAction } from '../cooperatives/cooperative-status.js';
import type { CooperativeDto } from '../cooperatives/cooperative.dto.js';
import { Cooperative, CooperativeStatusChange } from '../cooperatives/cooperative.entities.js';
import { toCooperativeDto } from '../cooperatives/cooperative.mapper.js';
import { missingPapers, missingProfileFields, paperMissingKey } from '../onboarding/onboarding.service.js';
import { sellerError } from '../seller.errors.js';

/** Who hears of each action: the province's officials of a submission, the cooperative's admins of a decision. */
const NOTIFIED: Partial<Record<VerificationAction, string>> = {
  submit: 'cooperative.submitted',
  approve: 'cooperative.approved',
  reject: 'cooperative.rejected',
  suspend: 'cooperative.suspended',
  reinstate: 'cooperative.reinstated',
};

/**
 * The verification workflow. Each transition locks the cooperative row, checks the move is legal,
 * and writes the new status, the timeline entry, the audit entry and the notifications in one
 * transaction — all of them or none.
 */
@Injectable()
export class VerificationService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: CooperativeAccess,
    private readonly audit: AuditService,
    private readonly outbox: NotificationOutbox,
    private readonly audience: NotificationAudience,
    private readonly config: AppConfig,
    private readonly users: UsersService,
    private readonly units: AdminUnitsService,
    private readonly storage: ObjectStorage,
  ) {}

  /** By the cooperative's admin: the profile must be complete and the papers of its kind uploaded. */
  submit(user: AuthUser, id: string): Promise<CooperativeDto> {
    return this.transition(user, id, 'submit', null, async (cooperative, manager) => {
      // EMAIL_VERIFICATION_REQUIRED: the Department must be able to reach whoever applies.
      if (this.config.notifications.emailVerificationRequired && !(await this.users.isEmailVerified(user.id, manager))) {
        throw sellerError('EMAIL_NOT_VERIFIED');
      }
      const issues: FieldIssue[] = missingProfileFields(cooperative).map((field) => ({ field, key: 'validation.profileIncomplete' }));
      for (const paper of await missingPapers(manager, cooperative)) issues.push({ field: 'documents', key: paperMissingKey(cooperative.kind, paper) });
      if (issues.length > 0) throw sellerError('COOPERATIVE_INCOMPLETE', { details: issues });
    });
  }

  /** By an official (the controller checks the role; the access check lets officials read any cooperative). */
  decide(official: AuthUser, id: string, action: Exclude<VerificationAction, 'submit'>, reason: string | null): Promise<CooperativeDto> {
    return this.transition(official, id, action, reason);
  }

  private async transition(
    user: AuthUser,
    id: string,
    action: VerificationAction,
    reason: string | null,
    precondition?: (cooperative: Cooperative, manager: EntityManager) => Promise<void>,
  ): Promise<CooperativeDto> {
    const { cooperative, role } = await this.db.transaction(async (manager) => {
      const granted = await this.access.require(user, id, action === 'submit' ? 'admin' : 'read', { manager, lock: true });
      // An official who is a member of the cooperative does not review it.
      if (action !== 'submit' && granted.role !== null) throw AppException.forbidden();
      const current = granted.cooperative;
      const to = nextStatus(current.status, action);
      await precondition?.(current, manager);
      const statusReason = to === CooperativeStatus.Rejected || to === CooperativeStatus.Suspended ? reason : null;
      await manager.getRepository(Cooperative).update({ id }, { status: to, statusReason });
      const change = await manager
        .getRepository(CooperativeStatusChange)
        .insert({ cooperativeId: id, fromStatus: current.status, toStatus: to, reason, actorUserId: user.id });
      await this.audit.record(
        {
          actor: user,
          action: `cooperative.${action}`,
          entityType: 'cooperative',
          entityId: id,
          cooperativeId: id,
          data: { from: current.status, to, ...(reason ? { reason } : {}) },
        },
        manager,
      );
      const template = NOTIFIED[action];
      if (template) {
        const data = { cooperativeId: id, cooperativeName: current.name, status: to, ...(reason ? { reason } : {}) };
        const people = action === 'submit' ? await this.audience.officials(manager) : await this.audience.cooperative(id, 'admins', manager);
        await this.outbox.notify(people, template, data, { eventKey: `${template}:${change.identifiers[0].id}`, cooperativeId: id }, manager);
      }
      return { cooperative: await manager.getRepository(Cooperative).findOneByOrFail({ id }), role: granted.role };
    });
    return toCooperativeDto(cooperative, await this.units.findWard(cooperative.wardCode), role, this.storage);
  }
}
