import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A ward or commune (phường/xã) of the two-level system in force since 2025-07-01. */
@Entity('wards')
export class Ward {
  @PrimaryColumn({ type: 'text' })
  code: string;

  @Column({ type: 'text' })
  name: string;

  /** phường | xã */
  @Column({ type: 'text' })
  type: string;

  @Column({ name: 'province_code', type: 'text' })
  provinceCode: string;

  /** "Bình Định" or "Gia Lai": the province the ward belonged to before the 2025 merger. */
  @Column({ name: 'former_province', type: 'text' })
  formerProvince: string;

  /** Former districts its predecessor communes belonged to (officials still report by them). */
  @Column({ name: 'former_district_codes', type: 'text', array: true })
  formerDistrictCodes: string[];
}

/** A district-level unit abolished on 2025-07-01 (An Nhơn, Hoài Nhơn, Tây Sơn…). */
@Entity('former_districts')
export class FormerDistrict {
  @PrimaryColumn({ type: 'text' })
  code: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  type: string;

  @Column({ name: 'former_province', type: 'text' })
  formerProvince: string;
}

/** A commune code of the old three-level system and the ward(s) it became. */
@Entity('former_communes')
export class FormerCommune {
  @PrimaryColumn({ type: 'text' })
  code: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  type: string;

  @Column({ name: 'former_district_code', type: 'text' })
  formerDistrictCode: string;

  /** Null when the commune was split between wards: the old code alone cannot say which. */
  @Column({ name: 'new_ward_code', type: 'text', nullable: true })
  newWardCode: string | null;

  @Column({ name: 'new_ward_codes', type: 'text', array: true })
  newWardCodes: string[];
}
