import type { ObjectStorage, WardDto } from '@nongsan/core';
import type { CooperativeDto, CooperativeSummaryDto } from './cooperative.dto.js';
import type { Cooperative, MemberRole } from './cooperative.entities.js';

export function toCooperativeDto(c: Cooperative, ward: WardDto | undefined, role: MemberRole | null, storage: ObjectStorage): CooperativeDto {
  return {
    id: c.id,
    kind: c.kind,
    slug: c.slug,
    name: c.name,
    taxCode: c.taxCode,
    representative: c.representative,
    phone: c.phone,
    email: c.email,
    wardCode: c.wardCode,
    wardName: ward?.name ?? '',
    formerDistrictCodes: ward?.formerDistrictCodes ?? [],
    formerCommuneCode: c.formerCommuneCode,
    addressLine: c.addressLine,
    description: c.description,
    logoUrl: c.logoKey ? storage.publicUrl(c.logoKey) : null,
    status: c.status,
    statusReason: c.statusReason,
    myRole: role,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}

export function toCooperativeSummaryDto(c: Cooperative, ward: WardDto | undefined): CooperativeSummaryDto {
  return {
    id: c.id,
    kind: c.kind,
    name: c.name,
    slug: c.slug,
    taxCode: c.taxCode,
    status: c.status,
    wardCode: c.wardCode,
    wardName: ward?.name ?? '',
    formerDistrictCodes: ward?.formerDistrictCodes ?? [],
    createdAt: c.createdAt.toISOString(),
  };
}
