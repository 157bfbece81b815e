import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AppException, AuditService, type AuthUser } from '@nongsan/core';
import type { DataSource, EntityManager } from 'typeorm';
import { CooperativeAccess } from '../cooperatives/cooperative-access.js';
import { CooperativeMember, MemberRole } from '../cooperatives/cooperative.entities.js';
import { sellerError } from '../seller.errors.js';
import type { MemberDto } from './members.dto.js';

/** Members see their cooperative; admins promote and remove them (joining is by invitation). A cooperative always keeps an admin. */
@Injectable()
export class MembersService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: CooperativeAccess,
    private readonly audit: AuditService,
  ) {}

  async list(user: AuthUser, cooperativeId: string): Promise<MemberDto[]> {
    await this.access.require(user, cooperativeId, 'read');
    const rows = await this.db.query<Array<{ user_id: string; full_name: string; email: string; role: MemberRole; created_at: Date }>>(
      `SELECT m.user_id, u.full_name, u.email, m.role, m.created_at
         FROM cooperative_members m JOIN users u ON u.id = m.user_id
        WHERE m.cooperative_id = $1 ORDER BY m.created_at, u.full_name`,
      [cooperativeId],
    );
    return rows.map((r) => ({ userId: r.user_id, fullName: r.full_name, email: r.email, role: r.role, since: r.created_at.toISOString() }));
  }

  async changeRole(user: AuthUser, cooperativeId: string, memberId: string, role: MemberRole): Promise<MemberDto[]> {
    await this.db.transaction(async (manager) => {
      await this.access.require(user, cooperativeId, 'admin', { manager, lock: true });
      const member = await this.findMember(manager, cooperativeId, memberId);
      if (member.role === role) return;
      if (member.role === MemberRole.Admin) await this.assertAnotherAdmin(manager, cooperativeId, memberId);
      await manager.getRepository(CooperativeMember).update({ cooperativeId, userId: memberId }, { role });
      await this.audit.record(
        { actor: user, action: 'cooperative.member.role', entityType: 'cooperative', entityId: cooperativeId, cooperativeId, data: { userId: memberId, role } },
        manager,
      );
    });
    return this.list(user, cooperativeId);
  }

  /** An admin removes anyone; a member may leave on their own. */
  async remove(user: AuthUser, cooperativeId: string, memberId: string): Promise<void> {
    await this.db.transaction(async (manager) => {
      await this.access.require(user, cooperativeId, memberId === user.id ? 'read' : 'admin', { manager, lock: true });
      const member = await this.findMember(manager, cooperativeId, memberId);
      if (member.role === MemberRole.Admin) await this.assertAnotherAdmin(manager, cooperativeId, memberId);
      await manager.getRepository(CooperativeMember).delete({ cooperativeId, userId: memberId });
      await this.audit.record(
        { actor: user, action: 'cooperative.member.remove', entityType: 'cooperative', entityId: cooperativeId, cooperativeId, data: { userId: memberId } },
        manager,
      );
    });
  }

  private async findMember(manager: EntityManager, cooperativeId: string, userId: string): Promise<CooperativeMember> {
    const member = await manager.getRepository(CooperativeMember).findOneBy({ cooperativeId, userId });
    if (!member) throw AppException.notFound('member');
    return member;
  }

  private async assertAnotherAdmin(manager: EntityManager, cooperativeId: string, leavingId: string): Promise<void> {
    const admins = await manager.getRepository(CooperativeMember).countBy({ cooperativeId, role: MemberRole.Admin });
    if (admins <= 1) throw sellerError('LAST_ADMIN', { details: [{ field: 'userId', key: 'errors.LAST_ADMIN', params: { userId: leavingId } }] });
  }
}
