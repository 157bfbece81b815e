import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One of our wards as a carrier keys it (a former commune in the carrier's own terms), or why it cannot be. */
@Entity('carrier_places')
export class CarrierPlaceRow {
  @PrimaryColumn({ type: 'text' }) carrier: string;
  @PrimaryColumn({ name: 'ward_code', type: 'text' }) wardCode: string;
  @Column({ name: 'province_name', type: 'text', nullable: true }) provinceName: string | null;
  @Column({ name: 'district_name', type: 'text', nullable: true }) districtName: string | null;
  @Column({ name: 'ward_name', type: 'text', nullable: true }) wardName: string | null;
  @Column({ name: 'district_id', type: 'integer', nullable: true }) districtId: number | null;
  @Column({ name: 'carrier_ward_code', type: 'text', nullable: true }) carrierWardCode: string | null;
  /** Set when the ward cannot be mapped: `no_former_commune`, `not_in_carrier_data`, `locked`. */
  @Column({ type: 'text', nullable: true }) problem: string | null;
  @Column({ name: 'refreshed_at', type: 'timestamptz' }) refreshedAt: Date;
}
