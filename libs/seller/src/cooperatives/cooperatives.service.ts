import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  AdminUnitsService,
  AppException,
  AuditService,
  decodeCursor,
  escapeLike,
  isTimePosition,
  DEFAULT_PAGE_SIZE,
  detectFileType,
  ObjectStorage,
  openImage,
  toE164VietnamesePhone,
  toPage,
  retryOnUniqueViolation,
  UsersService,
  type AuthUser,
  type Page,
  type UploadedFile,
  type WardDto,
} from '@nongsan/core';
import { QueryFailedError, type DataSource } from 'typeorm';
import { sellerError } from '../seller.errors.js';
import { checkHouseholdTaxCode, checkTaxCode } from '../tax-code.js';
import { CooperativeAccess } from './cooperative-access.js';
import { CooperativeStatus, isEditable } from './cooperative-status.js';
import type {
  CooperativeDto,
  CooperativeSearchDto,
  CooperativeSummaryDto,
  CreateCooperativeDto,
  MyCooperativeDto,
  TimelineDto,
  UpdateCooperativeDto,
} from './cooperative.dto.js';
import { Cooperative, CooperativeMember, CooperativeStatusChange, MemberRole, SellerKind } from './cooperative.entities.js';
import { toCooperativeDto, toCooperativeSummaryDto } from './cooperative.mapper.js';
import { uniqueCooperativeSlug } from './cooperative-slug.js';

export const LOGO_MAX_BYTES = 5 * 1024 * 1024;
const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;

@Injectable()
export class CooperativesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: CooperativeAccess,
    private readonly units: AdminUnitsService,
    private readonly storage: ObjectStorage,
    private readonly audit: AuditService,
    private readonly users: UsersService,
  ) {}

  /** Registers a cooperative in draft; the caller becomes its admin. */
  async create(user: AuthUser, input: CreateCooperativeDto): Promise<CooperativeDto> {
    const kind = input.kind ?? SellerKind.Cooperative;
    const taxCode = validTaxCode(input.taxCode, kind);
    const address = await this.resolveWard(input.wardCode);
    // Two cooperatives of the same name registering at once both find its slug free: the loser reruns with a suffix.
    const saved = await retryOnUniqueViolation('cooperatives_slug_key', () =>
      this.db.transaction(async (manager) => {
        const cooperative = await manager.getRepository(Cooperative).save({
          kind,
          slug: await uniqueCooperativeSlug(manager, input.name),
          name: input.name,
          taxCode,
          representative: input.representative,
          phone: toE164VietnamesePhone(input.phone)!,
          email: input.email,
          wardCode: address.ward.code,
          formerCommuneCode: address.formerCommuneCode,
          addressLine: input.addressLine,
          description: input.description || null,
          logoKey: null,
          status: CooperativeStatus.Draft,
          statusReason: null,
          createdBy: user.id,
        });
        await manager.getRepository(CooperativeMember).insert({ cooperativeId: cooperative.id, userId: user.id, role: MemberRole.Admin });
        await manager
          .getRepository(CooperativeStatusChange)
          .insert({ cooperativeId: cooperative.id, fromStatus: null, toStatus: CooperativeStatus.Draft, actorUserId: user.id });
        await this.audit.record(
          {
            actor: user,
            action: 'cooperative.create',
            entityType: 'cooperative',
            entityId: cooperative.id,
            cooperativeId: cooperative.id,
            data: { name: input.name, taxCode },
          },
          manager,
        );
        return cooperative;
      }),
    ).catch(taxCodeConflict);
    return toCooperativeDto(saved, address.ward, MemberRole.Admin, this.storage);
  }

  async get(user: AuthUser, id: string): Promise<CooperativeDto> {
    const { cooperative, role } = await this.access.require(user, id, 'read');
    return toCooperativeDto(cooperative, await this.units.findWard(cooperative.wardCode), role, this.storage);
  }

  /** The tax code identifies the cooperative under review: it can change only before review or after a rejection. */
  async update(user: AuthUser, id: string, input: UpdateCooperativeDto): Promise<CooperativeDto> {
    const address = input.wardCode === undefined ? undefined : await this.resolveWard(input.wardCode);
    const { cooperative, role } = await this.db
      .transaction(async (manager) => {
        const granted = await this.access.require(user, id, 'admin', { manager, lock: true });
        const current = granted.cooperative;
        const taxCode = input.taxCode === undefined ? undefined : validTaxCode(input.taxCode, current.kind);
        if (taxCode !== undefined && taxCode !== current.taxCode && !isEditable(current.status)) {
          throw AppException.wrongState(current.status, { field: 'taxCode' });
        }
        const changes: Partial<Cooperative> = {
          ...(input.name !== undefined ? { name: input.name } : {}),
          ...(taxCode !== undefined ? { taxCode } : {}),
          ...(input.representative !== undefined ? { representative: input.representative } : {}),
          ...(input.phone !== undefined ? { phone: toE164VietnamesePhone(input.phone)! } : {}),
          ...(input.email !== undefined ? { email: input.email } : {}),
          ...(address ? { wardCode: address.ward.code, formerCommuneCode: address.formerCommuneCode } : {}),
          ...(input.addressLine !== undefined ? { addressLine: input.addressLine } : {}),
          ...(input.description !== undefined ? { description: input.description || null } : {}),
        };
        const changed = Object.keys(changes).filter((key) => changes[key as keyof Cooperative] !== current[key as keyof Cooperative]);
        if (changed.length > 0) {
          await manager.getRepository(Cooperative).update({ id }, changes);
          await this.audit.record(
            { actor: user, action: 'cooperative.update', entityType: 'cooperative', entityId: id, cooperativeId: id, data: { fields: changed } },
            manager,
          );
        }
        return { cooperative: await manager.getRepository(Cooperative).findOneByOrFail({ id }), role: granted.role };
      })
      .catch(taxCodeConflict);
    return toCooperativeDto(cooperative, address?.ward ?? (await this.units.findWard(cooperative.wardCode)), role, this.storage);
  }

  /** The logo, re-encoded to a square-bounded 512 px WebP: small for phones, and no foreign bytes kept. */
  async setLogo(user: AuthUser, id: string, file: UploadedFile): Promise<CooperativeDto> {
    await this.access.require(user, id, 'admin');
    await detectFileType(file, IMAGE_TYPES);
    const { image } = await openImage(file.buffer);
    const webp = await image.rotate().resize(512, 512, { fit: 'inside', withoutEnlargement: true }).webp({ quality: 85 }).toBuffer();
    const key = `public/cooperatives/${id}/logo-${randomBytes(6).toString('hex')}.webp` as const;
    await this.storage.put(key, webp, { contentType: 'image/webp' });
    const previous = await this.db
      .transaction(async (manager) => {
        const { cooperative } = await this.access.require(user, id, 'admin', { manager, lock: true });
        await manager.getRepository(Cooperative).update({ id }, { logoKey: key });
        await this.audit.record({ actor: user, action: 'cooperative.logo', entityType: 'cooperative', entityId: id, cooperativeId: id }, manager);
        return cooperative.logoKey;
      })
      .catch(async (error: unknown) => {
        // No row names the new logo: left behind, it would be a public file nobody can remove.
        await this.storage.delete(key).catch(() => undefined);
        throw error;
      });
    if (previous) await this.storage.delete(previous);
    return this.get(user, id);
  }

  async listMine(user: AuthUser): Promise<MyCooperativeDto[]> {
    const rows = await this.db
      .getRepository(Cooperative)
      .createQueryBuilder('c')
      .innerJoin(CooperativeMember, 'm', 'm.cooperative_id = c.id AND m.user_id = :userId', { userId: user.id })
      .addSelect('m.role', 'member_role')
      .orderBy('c.created_at', 'ASC')
      .getRawAndEntities();
    return rows.entities.map((c, i) => ({ id: c.id, name: c.name, slug: c.slug, status: c.status, role: rows.raw[i].member_role as MemberRole }));
  }

  /** Officials' list: filters, accent-free name search, newest first. */
  async search(query: CooperativeSearchDto): Promise<Page<CooperativeSummaryDto>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const after = decodeCursor(query.cursor, isTimePosition);
    const qb = this.db.getRepository(Cooperative).createQueryBuilder('c');
    if (query.status) qb.andWhere('c.status = :status', { status: query.status });
    if (query.wardCode) qb.andWhere('c.ward_code = :wardCode', { wardCode: query.wardCode });
    if (query.formerDistrictCode) {
      qb.andWhere('c.ward_code IN (SELECT code FROM wards WHERE :district = ANY(former_district_codes))', { district: query.formerDistrictCode });
    }
    if (query.q) {
      qb.andWhere(`(f_unaccent(lower(c.name)) LIKE '%' || f_unaccent(lower(:q)) || '%' OR c.tax_code LIKE :q || '%')`, { q: escapeLike(query.q) });
    }
    if (query.taxCode) qb.andWhere('c.tax_code LIKE :taxCode', { taxCode: `${query.taxCode}%` });
    if (after) qb.andWhere('(c.created_at, c.id) < (:at, :id)', { at: after[0], id: after[1] });
    const rows = await qb
      .orderBy('c.created_at', 'DESC')
      .addOrderBy('c.id', 'DESC')
      .take(limit + 1)
      .getMany();
    const page = toPage(rows, limit, (last) => [last.createdAt.toISOString(), last.id]);
    const wards = new Map((await this.units.listWards()).map((w) => [w.code, w]));
    return { items: page.items.map((c) => toCooperativeSummaryDto(c, wards.get(c.wardCode))), nextCursor: page.nextCursor };
  }

  async timeline(user: AuthUser, id: string): Promise<TimelineDto> {
    await this.access.require(user, id, 'read');
    const changes = await this.db.getRepository(CooperativeStatusChange).find({ where: { cooperativeId: id }, order: { id: 'ASC' } });
    const names = await this.users.namesById(changes.flatMap((c) => (c.actorUserId ? [c.actorUserId] : [])));
    return {
      items: changes.map((c) => ({
        from: c.fromStatus,
        to: c.toStatus,
        reason: c.reason,
        at: c.createdAt.toISOString(),
        by: c.actorUserId ? (names.get(c.actorUserId) ?? null) : null,
      })),
      nextCursor: null,
    };
  }

  /** A current ward code, or an old commune code that maps to exactly one ward; else 400 naming wardCode. */
  private async resolveWard(code: string): Promise<{ ward: WardDto; formerCommuneCode: string | null }> {
    const resolution = await this.units.resolveWard(code);
    switch (resolution.kind) {
      case 'ward':
        return { ward: resolution.ward, formerCommuneCode: null };
      case 'former-commune':
        return { ward: resolution.ward, formerCommuneCode: resolution.formerCommuneCode };
      case 'ambiguous':
        throw AppException.validation([
          {
            field: 'wardCode',
            key: 'validation.wardAmbiguous',
            params: { code, candidates: resolution.candidates.map((w) => `${w.code} ${w.name}`).join(', ') },
          },
        ]);
      case 'unknown':
        throw AppException.validation([{ field: 'wardCode', key: 'validation.wardUnknown' }]);
    }
  }
}

function validTaxCode(input: string, kind: SellerKind): string {
  const household = kind === SellerKind.HouseholdBusiness;
  const check = household ? checkHouseholdTaxCode(input) : checkTaxCode(input);
  if (check.valid) return check.canonical;
  const format = household ? 'validation.householdTaxCodeFormat' : 'validation.taxCodeFormat';
  throw AppException.validation([{ field: 'taxCode', key: check.reason === 'format' ? format : 'validation.taxCodeCheckDigit' }]);
}

function taxCodeConflict(error: unknown): never {
  if (error instanceof QueryFailedError && (error.driverError as { constraint?: string }).constraint === 'cooperatives_tax_code_key') {
    throw sellerError('TAX_CODE_TAKEN', { details: [{ field: 'taxCode', key: 'validation.taxCodeTaken' }] });
  }
  throw error;
}
