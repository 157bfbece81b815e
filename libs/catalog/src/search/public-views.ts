import type { ObjectStorage, WardDto } from '@nongsan/core';
import type { OriginDto, PublicCooperativeDto } from './search.dto.js';

/** A cooperative as the public catalog reads it from the `cooperatives` table. */
export interface PublicCooperativeRow {
  id: string;
  name: string;
  slug: string;
  logo_key: `public/${string}` | null;
  description: string | null;
}

/** The cooperative's card on the product page and the head of its own page. */
export function toPublicCooperativeDto(row: PublicCooperativeRow, ward: WardDto | undefined, storage: ObjectStorage): PublicCooperativeDto {
  return {
    id: row.id,
    name: row.name,
    slug: row.slug,
    wardName: ward?.name ?? '',
    logoUrl: row.logo_key ? storage.publicUrl(row.logo_key) : null,
    description: row.description,
  };
}

/** A ward with the names people still use for it: its former province and districts. */
export function toOriginDto(wardCode: string, ward: WardDto | undefined, districts: Array<{ code: string; name: string }>): OriginDto {
  return {
    wardCode,
    wardName: ward?.name ?? '',
    formerProvince: ward?.formerProvince ?? '',
    formerDistricts: (ward?.formerDistrictCodes ?? []).map((code) => districts.find((d) => d.code === code)?.name ?? code),
  };
}
