import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { escapeLike } from '../text/text.js';
import { FormerCommune, FormerDistrict, Ward } from './admin-unit.entities.js';
import type { FormerDistrictDto, WardDto, WardQueryDto } from './admin-units.dto.js';

/** What an address code given by a user turns out to be. */
export type WardResolution =
  | { kind: 'ward'; ward: WardDto }
  | { kind: 'former-commune'; ward: WardDto; formerCommuneCode: string }
  | { kind: 'ambiguous'; formerCommuneCode: string; candidates: WardDto[] }
  | { kind: 'unknown' };

@Injectable()
export class AdminUnitsService {
  constructor(
    @InjectRepository(Ward) private readonly wards: Repository<Ward>,
    @InjectRepository(FormerDistrict) private readonly districts: Repository<FormerDistrict>,
    @InjectRepository(FormerCommune) private readonly communes: Repository<FormerCommune>,
  ) {}

  async listWards(query: WardQueryDto = {}): Promise<WardDto[]> {
    const qb = this.wards.createQueryBuilder('w').orderBy('w.code');
    if (query.formerDistrictCode) qb.andWhere(':district = ANY(w.former_district_codes)', { district: query.formerDistrictCode });
    if (query.formerProvince) qb.andWhere('f_unaccent(lower(w.former_province)) = f_unaccent(lower(:province))', { province: query.formerProvince });
    if (query.q) qb.andWhere(`f_unaccent(lower(w.name)) LIKE '%' || f_unaccent(lower(:q)) || '%'`, { q: escapeLike(query.q) });
    return (await qb.getMany()).map(toWardDto);
  }

  async listFormerDistricts(): Promise<FormerDistrictDto[]> {
    return (await this.districts.find({ order: { code: 'ASC' } })).map((d) => ({ ...d }));
  }

  async findWard(code: string): Promise<WardDto | undefined> {
    const ward = await this.wards.findOneBy({ code });
    return ward ? toWardDto(ward) : undefined;
  }

  /**
   * Accepts a current ward code, or a former commune code from an old-style address. A commune
   * that was split between wards is ambiguous: the caller must ask which ward.
   */
  async resolveWard(code: string): Promise<WardResolution> {
    const ward = await this.findWard(code);
    if (ward) return { kind: 'ward', ward };
    const commune = await this.communes.findOneBy({ code });
    if (!commune) return { kind: 'unknown' };
    const candidates = (await this.wards.findBy(commune.newWardCodes.map((c) => ({ code: c })))).map(toWardDto);
    if (commune.newWardCode) return { kind: 'former-commune', ward: candidates[0], formerCommuneCode: code };
    return { kind: 'ambiguous', formerCommuneCode: code, candidates };
  }
}

function toWardDto(ward: Ward): WardDto {
  return { ...ward };
}
