import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AppConfig, AppException, AuditService, currentStatus, NotificationOutbox, UsersService, type AuthUser } from '@nongsan/core';
import type { DataSource, EntityManager } from 'typeorm';
import { CooperativeAccess } from '../cooperatives/cooperative-access.js';
import { CooperativeMember, MemberRole } from '../cooperatives/cooperative.entities.js';
import { sellerError } from '../seller.errors.js';
import { CooperativeInvitation } from './invitation.entity.js';
import type { AcceptedInvitationDto, InvitationDto, InviteMemberDto, MyInvitationDto } from './invitations.dto.js';

/** Long enough for someone who reads mail once a week; short enough that a forgotten one dies. */
export const INVITATION_TTL_DAYS = 14;
/** Where the invited person answers (the seller portal's page). */
export const INVITATIONS_PAGE = '/seller/invitations';

/**
 * Joining a cooperative takes the person's consent: an admin invites an address, the person signed
 * in with that address accepts or declines. The admin's answer is the same whether an account
 * exists or not, and never carries a name; the e-mail goes out either way, so someone without an
 * account can register and then accept.
 */
@Injectable()
export class InvitationsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: CooperativeAccess,
    private readonly users: UsersService,
    private readonly audit: AuditService,
    private readonly outbox: NotificationOutbox,
    private readonly config: AppConfig,
  ) {}

  async invite(user: AuthUser, cooperativeId: string, input: InviteMemberDto): Promise<InvitationDto> {
    const role = input.role ?? MemberRole.Member;
    const email = input.email.trim();
    return this.db.transaction(async (manager) => {
      const { cooperative } = await this.access.require(user, cooperativeId, 'admin', { manager, lock: true });
      // The admins already see their members' e-mails: saying so reveals nothing about other accounts.
      const [member] = await manager.query<unknown[]>(
        `SELECT 1 FROM cooperative_members m JOIN users u ON u.id = m.user_id WHERE m.cooperative_id = $1 AND lower(u.email) = lower($2)`,
        [cooperativeId, email],
      );
      if (member) throw sellerError('ALREADY_MEMBER', { details: [{ field: 'email', key: 'errors.ALREADY_MEMBER' }] });
      const invitations = manager.getRepository(CooperativeInvitation);
      // Inviting again (another role, a lost e-mail) replaces the pending one: one link works at a time.
      await manager.query(
        `UPDATE cooperative_invitations SET status = 'replaced', responded_at = now() WHERE cooperative_id = $1 AND lower(email) = lower($2) AND status = 'pending'`,
        [cooperativeId, email],
      );
      const invitation = await invitations.save(
        invitations.create({
          cooperativeId,
          email,
          role,
          invitedBy: user.id,
          status: 'pending',
          expiresAt: new Date(Date.now() + INVITATION_TTL_DAYS * 86_400_000),
          respondedAt: null,
        }),
      );
      const inviter = await this.users.findActiveById(user.id, manager);
      await this.outbox.add(
        [
          {
            cooperativeId,
            channel: 'email',
            recipient: email,
            template: 'member.invitation',
            data: {
              cooperativeName: cooperative.name,
              invitedByName: inviter?.fullName ?? null,
              acceptUrl: `${this.config.channels.publicUrl ?? ''}${INVITATIONS_PAGE}`,
            },
          },
        ],
        manager,
      );
      await this.audit.record(
        {
          actor: user,
          action: 'cooperative.member.invite',
          entityType: 'cooperative',
          entityId: cooperativeId,
          cooperativeId,
          data: { invitationId: invitation.id, role },
        },
        manager,
      );
      return toDto(invitation);
    });
  }

  async listPending(user: AuthUser, cooperativeId: string): Promise<InvitationDto[]> {
    await this.access.require(user, cooperativeId, 'admin');
    const rows = await this.db.query<Array<{ id: string; email: string; role: MemberRole; expires_at: Date }>>(
      `SELECT id, email, role, expires_at FROM cooperative_invitations
        WHERE cooperative_id = $1 AND status = 'pending' AND expires_at > now() ORDER BY created_at, id`,
      [cooperativeId],
    );
    return rows.map((r) => ({ id: r.id, email: r.email, role: r.role, expiresAt: r.expires_at.toISOString() }));
  }

  async revoke(user: AuthUser, cooperativeId: string, invitationId: string): Promise<void> {
    await this.db.transaction(async (manager) => {
      await this.access.require(user, cooperativeId, 'admin', { manager, lock: true });
      const result = await manager.query<[unknown[], number]>(
        `UPDATE cooperative_invitations SET status = 'revoked', responded_at = now() WHERE id = $1 AND cooperative_id = $2 AND status = 'pending' RETURNING id`,
        [invitationId, cooperativeId],
      );
      if (result[1] === 0) throw AppException.notFound('invitation');
      await this.audit.record(
        {
          actor: user,
          action: 'cooperative.member.invitation.revoke',
          entityType: 'cooperative',
          entityId: cooperativeId,
          cooperativeId,
          data: { invitationId },
        },
        manager,
      );
    });
  }

  /** The caller's open invitations: addressed to their e-mail, pending, not expired. */
  async mine(user: AuthUser): Promise<MyInvitationDto[]> {
    const rows = await this.db.query<
      Array<{ id: string; cooperative_id: string; cooperative_name: string; role: MemberRole; invited_by_name: string | null; expires_at: Date }>
    >(
      `SELECT i.id, i.cooperative_id, c.name AS cooperative_name, i.role, u.full_name AS invited_by_name, i.expires_at
         FROM cooperative_invitations i
         JOIN cooperatives c ON c.id = i.cooperative_id
         LEFT JOIN users u ON u.id = i.invited_by
        WHERE lower(i.email) = lower($1) AND i.status = 'pending' AND i.expires_at > now()
        ORDER BY i.created_at, i.id`,
      [user.email],
    );
    return rows.map((r) => ({
      id: r.id,
      cooperativeId: r.cooperative_id,
      cooperativeName: r.cooperative_name,
      role: r.role,
      invitedByName: r.invited_by_name,
      expiresAt: r.expires_at.toISOString(),
    }));
  }

  async accept(user: AuthUser, invitationId: string): Promise<AcceptedInvitationDto> {
    return this.db.transaction(async (manager) => {
      const invitation = await this.openInvitation(manager, user, invitationId);
      await manager
        .createQueryBuilder()
        .insert()
        .into(CooperativeMember)
        .values({ cooperativeId: invitation.cooperativeId, userId: user.id, role: invitation.role })
        .orIgnore()
        .execute();
      await this.answer(manager, invitation, 'accepted');
      await this.audit.record(
        {
          actor: user,
          action: 'cooperative.member.add',
          entityType: 'cooperative',
          entityId: invitation.cooperativeId,
          cooperativeId: invitation.cooperativeId,
          data: { userId: user.id, role: invitation.role, invitationId },
        },
        manager,
      );
      return { cooperativeId: invitation.cooperativeId, role: invitation.role };
    });
  }

  async decline(user: AuthUser, invitationId: string): Promise<void> {
    await this.db.transaction(async (manager) => {
      const invitation = await this.openInvitation(manager, user, invitationId);
      await this.answer(manager, invitation, 'declined');
    });
  }

  /**
   * Locked, so an invitation is answered once. Someone else's invitation is a missing one (404);
   * one already answered, revoked, replaced or expired is closed (409).
   */
  private async openInvitation(manager: EntityManager, user: AuthUser, invitationId: string): Promise<CooperativeInvitation> {
    const invitation = await manager.getRepository(CooperativeInvitation).findOne({ where: { id: invitationId }, lock: { mode: 'pessimistic_write' } });
    if (!invitation || invitation.email.toLowerCase() !== user.email.toLowerCase()) throw AppException.notFound('invitation');
    const status = invitation.status === 'pending' && invitation.expiresAt.getTime() <= Date.now() ? 'expired' : invitation.status;
    if (status !== 'pending') throw sellerError('INVITATION_CLOSED', currentStatus(status));
    return invitation;
  }

  private async answer(manager: EntityManager, invitation: CooperativeInvitation, status: 'accepted' | 'declined'): Promise<void> {
    await manager.getRepository(CooperativeInvitation).update({ id: invitation.id }, { status, respondedAt: new Date() });
  }
}

function toDto(invitation: CooperativeInvitation): InvitationDto {
  return { id: invitation.id, email: invitation.email, role: invitation.role, expiresAt: invitation.expiresAt.toISOString() };
}
