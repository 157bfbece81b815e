import { BaseEntity } from '@nongsan/core';
import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { CooperativeStatus } from './cooperative-status.js';

/** Who sells: a cooperative (hợp tác xã), a household business (hộ kinh doanh) or an enterprise (doanh nghiệp). */
export enum SellerKind {
  Cooperative = 'cooperative',
  HouseholdBusiness = 'household_business',
  Enterprise = 'enterprise',
}

@Entity('cooperatives')
@Index('cooperatives_status_idx', ['status', 'createdAt'])
export class Cooperative extends BaseEntity {
  @Column({ type: 'text' })
  kind: SellerKind;

  @Column({ type: 'text' })
  slug: string;

  @Column({ type: 'text' })
  name: string;

  /** Canonical: NNNNNNNNNN or NNNNNNNNNN-NNN; a household business: its owner's 12-digit personal id number. Unique. */
  @Column({ name: 'tax_code', type: 'text' })
  taxCode: string;

  /** Legal representative (người đại diện theo pháp luật). */
  @Column({ type: 'text' })
  representative: string;

  /** E.164. */
  @Column({ type: 'text' })
  phone: string;

  @Column({ type: 'text' })
  email: string;

  @Column({ name: 'ward_code', type: 'text' })
  wardCode: string;

  /** The old commune code the address was given with, when it was mapped to `wardCode`. */
  @Column({ name: 'former_commune_code', type: 'text', nullable: true })
  formerCommuneCode: string | null;

  @Column({ name: 'address_line', type: 'text' })
  addressLine: string;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ name: 'logo_key', type: 'text', nullable: true })
  logoKey: `public/${string}` | null;

  @Column({ type: 'text' })
  status: CooperativeStatus;

  /** Why it was last rejected or suspended, for the cooperative to act on. */
  @Column({ name: 'status_reason', type: 'text', nullable: true })
  statusReason: string | null;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy: string;

  /** The bank account payouts go to (all three set, or none): the bank's NAPAS BIN, the number, the holder as the bank spells it. */
  @Column({ name: 'payout_bank_bin', type: 'text', nullable: true })
  payoutBankBin: string | null;

  @Column({ name: 'payout_account_number', type: 'text', nullable: true })
  payoutAccountNumber: string | null;

  @Column({ name: 'payout_account_name', type: 'text', nullable: true })
  payoutAccountName: string | null;

  @Column({ name: 'payout_account_updated_at', type: 'timestamptz', nullable: true })
  payoutAccountUpdatedAt: Date | null;
}

export enum MemberRole {
  Admin = 'coop_admin',
  Member = 'coop_member',
}

@Entity('cooperative_members')
@Index('cooperative_members_user_idx', ['userId'])
export class CooperativeMember {
  @PrimaryColumn({ name: 'cooperative_id', type: 'uuid' })
  cooperativeId: string;

  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  @Column({ type: 'text' })
  role: MemberRole;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

/** One step of the verification timeline the cooperative sees. */
@Entity('cooperative_status_changes')
@Index('cooperative_status_changes_coop_idx', ['cooperativeId', 'id'])
export class CooperativeStatusChange {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'cooperative_id', type: 'uuid' })
  cooperativeId: string;

  @Column({ name: 'from_status', type: 'text', nullable: true })
  fromStatus: CooperativeStatus | null;

  @Column({ name: 'to_status', type: 'text' })
  toStatus: CooperativeStatus;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column({ name: 'actor_user_id', type: 'uuid', nullable: true })
  actorUserId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

export enum DocumentKind {
  /** The registration certificate of the seller's kind: cooperative, household business or enterprise. */
  BusinessRegistration = 'business_registration',
  /** The household business owner's citizen identity card (CCCD). */
  IdentityCard = 'identity_card',
  OcopCertificate = 'ocop_certificate',
  VietgapCertificate = 'vietgap_certificate',
  OrganicCertificate = 'organic_certificate',
  Other = 'other',
}

@Entity('cooperative_documents')
@Index('cooperative_documents_coop_idx', ['cooperativeId', 'createdAt'])
export class CooperativeDocument {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'cooperative_id', type: 'uuid' })
  cooperativeId: string;

  @Column({ type: 'text' })
  kind: DocumentKind;

  /** As the user named it, for the download. */
  @Column({ name: 'file_name', type: 'text' })
  fileName: string;

  /** Detected from the bytes, not taken from the upload's headers. */
  @Column({ name: 'content_type', type: 'text' })
  contentType: string;

  @Column({ name: 'size_bytes', type: 'int' })
  sizeBytes: number;

  @Column({ name: 'storage_key', type: 'text' })
  storageKey: `private/${string}`;

  @Column({ name: 'uploaded_by', type: 'uuid' })
  uploadedBy: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

/** The papers each kind of seller uploads before review. */
export const REQUIRED_PAPERS: Record<SellerKind, DocumentKind[]> = {
  [SellerKind.Cooperative]: [DocumentKind.BusinessRegistration],
  [SellerKind.HouseholdBusiness]: [DocumentKind.BusinessRegistration, DocumentKind.IdentityCard],
  [SellerKind.Enterprise]: [DocumentKind.BusinessRegistration],
};
