import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AdminUnitsService, AppException, ObjectStorage, vietnamDate } from '@nongsan/core';
import type { DataSource } from 'typeorm';
import { toOriginDto, toPublicCooperativeDto, type PublicCooperativeRow } from './public-views.js';
import type { CooperativeProfileDto } from './search.dto.js';

/**
 * A cooperative's public page. Only an approved cooperative has one: a draft, one under review,
 * a rejected or a suspended one answers 404, exactly like its products do. Counts are what the
 * catalog shows: active products, and those whose OCOP certificate is still valid.
 */
@Injectable()
export class CooperativePageService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly storage: ObjectStorage,
    private readonly units: AdminUnitsService,
  ) {}

  async page(slug: string): Promise<CooperativeProfileDto> {
    const [row] = await this.db.query<
      Array<PublicCooperativeRow & { ward_code: string; member_since: Date; product_count: number; ocop_product_count: number }>
    >(
      `SELECT c.id, c.slug, c.name, c.description, c.logo_key, c.ward_code,
              coalesce((SELECT min(s.created_at) FROM cooperative_status_changes s WHERE s.cooperative_id = c.id AND s.to_status = 'approved'), c.created_at) AS member_since,
              count(p.id)::int AS product_count,
              count(p.id) FILTER (WHERE p.ocop_status = 'verified' AND p.ocop_expires_at >= $2::date)::int AS ocop_product_count
         FROM cooperatives c
         LEFT JOIN products p ON p.cooperative_id = c.id AND p.status = 'active'
        WHERE c.slug = $1 AND c.status = 'approved'
        GROUP BY c.id`,
      [slug, vietnamDate()],
    );
    if (!row) throw AppException.notFound('cooperative');
    const [ward, districts] = await Promise.all([this.units.findWard(row.ward_code), this.units.listFormerDistricts()]);
    return {
      ...toPublicCooperativeDto(row, ward, this.storage),
      wardCode: row.ward_code,
      formerDistricts: toOriginDto(row.ward_code, ward, districts).formerDistricts,
      productCount: row.product_count,
      ocopProductCount: row.ocop_product_count,
      memberSince: row.member_since.toISOString(),
    };
  }
}
