import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AppException, Role, type AuthUser } from '@nongsan/core';
import type { DataSource, EntityManager } from 'typeorm';
import { Cooperative, CooperativeMember, MemberRole } from './cooperative.entities.js';

/** read: members and officials · member: members only (day-to-day work) · admin: the cooperative's admins. */
export type AccessLevel = 'read' | 'member' | 'admin';

export interface Granted {
  cooperative: Cooperative;
  /** The caller's role in the cooperative; null for an official reading it. */
  role: MemberRole | null;
}

/**
 * The one tenancy check of the seller context. Members read their cooperative, only its admins
 * change it; officials read every cooperative; anyone else is told it does not exist (404), so ids
 * of other cooperatives reveal nothing.
 */
@Injectable()
export class CooperativeAccess {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * `notFoundAs`: when the caller reached the cooperative through one of its records (a product,
   * an order, a job), the 404 names that record, so the answer is the same as for a missing one.
   */
  async require(
    user: AuthUser,
    cooperativeId: string,
    level: AccessLevel,
    options: { manager?: EntityManager; lock?: boolean; notFoundAs?: string } = {},
  ): Promise<Granted> {
    const manager = options.manager ?? this.db.manager;
    const cooperative = await manager.getRepository(Cooperative).findOne({
      where: { id: cooperativeId },
      ...(options.lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (!cooperative) throw AppException.notFound(options.notFoundAs ?? 'cooperative');
    const membership = await manager.getRepository(CooperativeMember).findOneBy({ cooperativeId, userId: user.id });
    if (membership) {
      if (level === 'admin' && membership.role !== MemberRole.Admin) throw AppException.forbidden();
      return { cooperative, role: membership.role };
    }
    if (isOfficial(user)) {
      if (level !== 'read') throw AppException.forbidden();
      return { cooperative, role: null };
    }
    throw AppException.notFound(options.notFoundAs ?? 'cooperative');
  }
}

export const isOfficial = (user: AuthUser) => user.roles.includes(Role.Official) || user.roles.includes(Role.Admin);
