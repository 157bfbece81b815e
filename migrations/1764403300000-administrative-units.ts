import type { MigrationInterface, QueryRunner } from 'typeorm';
import units from '../libs/core/src/admin-units/data/admin-units-gia-lai-52.json' with { type: 'json' };

/**
 * The wards of province 52 (two-level system since 2025-07-01), the former Bình Định districts,
 * and the old-commune → new-ward mapping, loaded from the shipped data file (sources and licences
 * in libs/core/src/admin-units/data/README.md). Each ward also records which former districts
 * its predecessor communes belonged to, since officials still report by district.
 */
export class AdministrativeUnits1764403300000 implements MigrationInterface {
  name = 'AdministrativeUnits1764403300000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE wards (
        code text PRIMARY KEY,
        name text NOT NULL,
        type text NOT NULL CHECK (type IN ('phường', 'xã')),
        province_code text NOT NULL,
        former_province text NOT NULL,
        former_district_codes text[] NOT NULL DEFAULT '{}'
      )`);
    await db.query(`CREATE INDEX wards_name_trgm_idx ON wards USING gin (f_unaccent(lower(name)) gin_trgm_ops)`);
    await db.query(`CREATE INDEX wards_former_districts_idx ON wards USING gin (former_district_codes)`);
    await db.query(`
      CREATE TABLE former_districts (
        code text PRIMARY KEY,
        name text NOT NULL,
        type text NOT NULL,
        former_province text NOT NULL
      )`);
    await db.query(`
      CREATE TABLE former_communes (
        code text PRIMARY KEY,
        name text NOT NULL,
        type text NOT NULL,
        former_district_code text NOT NULL REFERENCES former_districts(code),
        new_ward_code text REFERENCES wards(code),
        new_ward_codes text[] NOT NULL,
        CHECK (cardinality(new_ward_codes) >= 1)
      )`);

    const province = units.province.code;
    await db.query(
      `INSERT INTO wards (code, name, type, province_code, former_province)
       SELECT w->>'code', w->>'name', w->>'type', $2, w->>'formerProvince' FROM jsonb_array_elements($1::jsonb) w`,
      [JSON.stringify(units.wards), province],
    );
    await db.query(
      `INSERT INTO former_districts (code, name, type, former_province)
       SELECT d->>'code', d->>'name', d->>'type', d->>'formerProvince' FROM jsonb_array_elements($1::jsonb) d`,
      [JSON.stringify(units.formerDistricts)],
    );
    await db.query(
      `INSERT INTO former_communes (code, name, type, former_district_code, new_ward_code, new_ward_codes)
       SELECT c->>'oldCode', c->>'oldName', c->>'oldType', c->>'oldDistrictCode', c->>'newWardCode',
              ARRAY(SELECT jsonb_array_elements_text(c->'newWardCodes'))
         FROM jsonb_array_elements($1::jsonb) c`,
      [JSON.stringify(units.formerCommuneToWard)],
    );
    await db.query(`
      UPDATE wards w SET former_district_codes = sub.codes
        FROM (SELECT ward_code, array_agg(DISTINCT former_district_code ORDER BY former_district_code) AS codes
                FROM former_communes, unnest(new_ward_codes) AS ward_code GROUP BY ward_code) sub
       WHERE sub.ward_code = w.code`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE former_communes`);
    await db.query(`DROP TABLE former_districts`);
    await db.query(`DROP TABLE wards`);
  }
}
