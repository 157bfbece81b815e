import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { LessThan, type EntityManager, type Repository } from 'typeorm';
import type { AuthUser } from '../auth/role.js';
import { UsersService } from '../auth/users.service.js';
import { currentRequest } from '../http/request-context.js';
import { decodeCursor, DEFAULT_PAGE_SIZE, toPage, type Page } from '../pagination/pagination.js';
import { AuditLog } from './audit-log.entity.js';
import type { AuditEntryDto, AuditQueryDto } from './audit.dto.js';

export interface AuditEntry {
  actor: AuthUser | null;
  action: string;
  entityType: string;
  entityId: string;
  cooperativeId?: string | null;
  data?: Record<string, unknown>;
}

@Injectable()
export class AuditService {
  constructor(
    @InjectRepository(AuditLog) private readonly log: Repository<AuditLog>,
    private readonly users: UsersService,
  ) {}

  /** Pass the manager of the transaction that makes the change: the entry commits or rolls back with it. */
  async record(entry: AuditEntry, manager: EntityManager = this.log.manager): Promise<void> {
    const request = currentRequest();
    await manager.getRepository(AuditLog).save({
      actorUserId: entry.actor?.id ?? null,
      actorRoles: entry.actor?.roles ?? [],
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId,
      cooperativeId: entry.cooperativeId ?? null,
      data: entry.data ?? {},
      ip: request?.ip ?? null,
      requestId: request?.requestId ?? null,
    });
  }

  async list(query: AuditQueryDto): Promise<Page<AuditEntryDto>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const after = decodeCursor(query.cursor, (v): v is string => typeof v === 'string' && /^\d+$/.test(v));
    const rows = await this.log.find({
      where: {
        ...(query.entity ? { entityType: query.entity } : {}),
        ...(query.id ? { entityId: query.id } : {}),
        ...(query.cooperativeId ? { cooperativeId: query.cooperativeId } : {}),
        ...(after ? { id: LessThan(after) } : {}),
      },
      order: { id: 'DESC' },
      take: limit + 1,
    });
    const page = toPage(rows, limit, (last) => last.id);
    const names = await this.users.namesById(page.items.flatMap((r) => (r.actorUserId ? [r.actorUserId] : [])));
    return { items: page.items.map((r) => toAuditEntryDto(r, r.actorUserId ? (names.get(r.actorUserId) ?? null) : null)), nextCursor: page.nextCursor };
  }
}

function toAuditEntryDto(row: AuditLog, actorName: string | null): AuditEntryDto {
  return {
    id: row.id,
    occurredAt: row.occurredAt.toISOString(),
    actorUserId: row.actorUserId,
    actorName,
    actorRoles: row.actorRoles,
    action: row.action,
    entity: row.entityType,
    entityId: row.entityId,
    cooperativeId: row.cooperativeId,
    data: row.data,
    ip: row.ip,
    requestId: row.requestId,
  };
}
