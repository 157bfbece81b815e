import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { QueueService, type PlatformFailure } from '@nongsan/core';
import type { DataSource } from 'typeorm';
import { CarrierSecretsStore } from '../accounts/carrier-secrets.js';
import type { CarrierCode, CarrierCredentials, CarrierMasterData, CarrierPlace, CarrierUnit } from '../carriers/carrier-adapter.js';
import { CarrierRegistry } from '../carriers/registry.js';
import { CarrierPlaceRow } from './carrier-place.entity.js';

const REFRESH_QUEUE = 'delivery.places.refresh';
/** A mapping older than this is built again before use (the nightly job keeps them fresher). */
const STALE_MS = 7 * 86_400_000;

export type PlaceLookup =
  | { ok: true; place: CarrierPlace }
  /** The ward has no place in the carrier's data: a clear error naming it, never a guess. */
  | { ok: false; unmappable: true; wardCode: string; wardName: string; problem: string }
  /** The carrier's master data could not be read now. */
  | { ok: false; unmappable: false; failure: PlatformFailure };

interface FormerCommune {
  name: string;
  type: string;
  district_name: string;
  district_type: string;
  former_province: string;
}

/** "huyện" + "Tây Sơn" → "Huyện Tây Sơn", as carriers write the former units. */
export const titled = (type: string, name: string) => `${type.charAt(0).toUpperCase()}${type.slice(1)} ${name}`;
const key = (name: string) => name.normalize('NFC').trim().toLowerCase().replace(/\s+/g, ' ');

/**
 * Our wards (the two-level units since 2025-07-01) as each carrier still keys places: the former
 * commune the ward grew from, in the carrier's own ids (GHN's master data) or names (GHTK). A
 * ward that cannot be found is recorded with why, so a quote names it instead of guessing a
 * district. Rebuilt nightly from the carriers' master data.
 */
@Injectable()
export class CarrierPlaces implements OnModuleInit {
  private readonly logger = new Logger(CarrierPlaces.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly registry: CarrierRegistry,
    private readonly secrets: CarrierSecretsStore,
    private readonly queue: QueueService,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.queue.defineQueue(REFRESH_QUEUE, { retryLimit: 3 });
    this.queue.work(REFRESH_QUEUE, async () => {
      const refreshed = await this.refreshAll();
      this.logger.log(`${refreshed} carrier places refreshed`);
    });
    await this.queue.schedule(REFRESH_QUEUE, '30 3 * * *');
  }

  /** The ward as this carrier keys it, from the stored mapping when fresh, else built now with `credentials`. */
  async place(carrier: CarrierCode, wardCode: string, credentials: CarrierCredentials): Promise<PlaceLookup> {
    const stored = await this.db.getRepository(CarrierPlaceRow).findOneBy({ carrier, wardCode });
    if (stored && Date.now() - stored.refreshedAt.getTime() < STALE_MS) return this.lookup(stored);
    const built = await this.build(carrier, wardCode, this.registry.adapter(carrier).masterData(credentials), new Map());
    if (!built.ok) return built;
    return this.lookup(built.row);
  }

  /** Every ward already mapped, built again from each carrier's current master data. */
  async refreshAll(): Promise<number> {
    let count = 0;
    for (const { carrier } of this.registry.list()) {
      const rows = await this.db.getRepository(CarrierPlaceRow).findBy({ carrier });
      if (rows.length === 0) continue;
      const opened = await this.secrets.anyOf(carrier);
      if (!opened) continue;
      const master = this.registry.adapter(carrier).masterData(opened.credentials);
      const cache = new Map<string, CarrierUnit[]>();
      for (const row of rows) {
        const built = await this.build(carrier, row.wardCode, master, cache);
        // A carrier that fails mid-way leaves the older mappings as they were; the job is retried.
        if (!built.ok) throw new Error(`${carrier} master data: ${built.failure.message}`);
        count++;
      }
    }
    return count;
  }

  private async lookup(row: CarrierPlaceRow): Promise<PlaceLookup> {
    if (row.problem || !row.provinceName || !row.districtName || !row.wardName) {
      const [ward] = await this.db.query<Array<{ name: string; type: string }>>(`SELECT name, type FROM wards WHERE code = $1`, [row.wardCode]);
      return {
        ok: false,
        unmappable: true,
        wardCode: row.wardCode,
        wardName: ward ? titled(ward.type, ward.name) : row.wardCode,
        problem: row.problem ?? 'not_in_carrier_data',
      };
    }
    return {
      ok: true,
      place: {
        provinceName: row.provinceName,
        districtName: row.districtName,
        wardName: row.wardName,
        ...(row.districtId !== null ? { districtId: row.districtId } : {}),
        ...(row.carrierWardCode !== null ? { wardCode: row.carrierWardCode } : {}),
      },
    };
  }

  /**
   * Builds and stores the mapping of one ward. The ward's former communes are tried in order —
   * the one whose code the ward kept first, then those that moved into it whole — and the first
   * the carrier knows is used; none known is recorded as a problem, never replaced by a neighbour.
   */
  private async build(
    carrier: string,
    wardCode: string,
    master: CarrierMasterData | null,
    cache: Map<string, CarrierUnit[]>,
  ): Promise<{ ok: true; row: CarrierPlaceRow } | { ok: false; unmappable: false; failure: PlatformFailure }> {
    const communes = await this.db.query<FormerCommune[]>(
      `SELECT fc.name, fc.type, fd.name AS district_name, fd.type AS district_type, fd.former_province
         FROM former_communes fc JOIN former_districts fd ON fd.code = fc.former_district_code
        WHERE $1 = ANY(fc.new_ward_codes)
        ORDER BY (fc.code = $1) DESC, (fc.new_ward_code IS NULL), fc.code`,
      [wardCode],
    );
    let row: Omit<CarrierPlaceRow, 'refreshedAt'> = {
      carrier,
      wardCode,
      provinceName: null,
      districtName: null,
      wardName: null,
      districtId: null,
      carrierWardCode: null,
      problem: communes.length === 0 ? 'no_former_commune' : 'not_in_carrier_data',
    };
    for (const commune of communes) {
      const names = {
        provinceName: commune.former_province,
        districtName: titled(commune.district_type, commune.district_name),
        wardName: titled(commune.type, commune.name),
      };
      if (!master) {
        row = { ...row, ...names, problem: null };
        break;
      }
      const found = await this.inMasterData(master, cache, commune, names);
      if (!found.ok) return { ok: false, unmappable: false, failure: found.failure };
      if (found.value) {
        row = { ...row, ...names, ...found.value };
        break;
      }
    }
    const saved = { ...row, refreshedAt: new Date() };
    await this.db.getRepository(CarrierPlaceRow).upsert(saved, ['carrier', 'wardCode']);
    return { ok: true, row: saved };
  }

  /** The commune's ids in the carrier's master data; null when the carrier does not list it. */
  private async inMasterData(
    master: CarrierMasterData,
    cache: Map<string, CarrierUnit[]>,
    commune: FormerCommune,
    names: { provinceName: string; districtName: string; wardName: string },
  ): Promise<{ ok: true; value: { districtId: number; carrierWardCode: string; problem: string | null } | null } | { ok: false; failure: PlatformFailure }> {
    const units = async (cacheKey: string, read: () => ReturnType<CarrierMasterData['provinces']>) => {
      const known = cache.get(cacheKey);
      if (known) return { ok: true as const, value: known };
      const answer = await read();
      if (answer.ok) cache.set(cacheKey, answer.value);
      return answer;
    };
    const provinces = await units('provinces', () => master.provinces());
    if (!provinces.ok) return { ok: false, failure: provinces };
    const province = matching(provinces.value, [names.provinceName]);
    if (!province) return { ok: true, value: null };
    const districts = await units(`districts:${province.id}`, () => master.districts(province.id));
    if (!districts.ok) return { ok: false, failure: districts };
    const district = matching(districts.value, [names.districtName, commune.district_name]);
    if (!district) return { ok: true, value: null };
    const wards = await units(`wards:${district.id}`, () => master.wards(district.id));
    if (!wards.ok) return { ok: false, failure: wards };
    const ward = matching(wards.value, [names.wardName, commune.name]);
    if (!ward) return { ok: true, value: null };
    return { ok: true, value: { districtId: Number(district.id), carrierWardCode: ward.id, problem: ward.served ? null : 'locked' } };
  }
}

/** The unit whose name or one of its other spellings is one of `names` (case and spacing aside, diacritics kept). */
function matching(units: CarrierUnit[], names: string[]): CarrierUnit | undefined {
  const wanted = new Set(names.map(key));
  return units.find((u) => [u.name, ...u.aliases].some((n) => wanted.has(key(n))));
}
