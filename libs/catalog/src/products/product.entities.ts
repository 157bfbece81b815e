import { bigintNumber } from '@nongsan/core';
import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

@Entity('categories')
export class Category {
  @PrimaryColumn({ type: 'text' })
  id: string;

  @Column({ name: 'parent_id', type: 'text', nullable: true })
  parentId: string | null;

  @Column({ name: 'name_vi', type: 'text' })
  nameVi: string;

  @Column({ name: 'name_en', type: 'text' })
  nameEn: string;

  /** The OCOP product group (food, beverages, herbal…), as data from ocop_product_groups. */
  @Column({ name: 'ocop_group', type: 'text' })
  ocopGroup: string;

  @Column({ type: 'int' })
  position: number;
}

/** Where an OCOP claim stands with the Department: only a verified, unexpired one earns the badge. */
export enum OcopStatus {
  Pending = 'pending',
  Verified = 'verified',
  Rejected = 'rejected',
}

export enum ProductStatus {
  Draft = 'draft',
  Active = 'active',
  Archived = 'archived',
}

@Entity('products')
@Index('products_cooperative_idx', ['cooperativeId', 'createdAt'])
export class Product {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'cooperative_id', type: 'uuid' })
  cooperativeId: string;

  @Column({ type: 'text' })
  slug: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  description: string;

  @Column({ name: 'category_id', type: 'text' })
  categoryId: string;

  @Column({ name: 'origin_ward_code', type: 'text' })
  originWardCode: string;

  /** What one piece is sold as: chai 500 ml, hộp, kg… */
  @Column({ type: 'text' })
  unit: string;

  @Column({ type: 'text' })
  status: ProductStatus;

  @Column({ name: 'ocop_stars', type: 'smallint', nullable: true })
  ocopStars: number | null;

  @Column({ name: 'ocop_certificate_number', type: 'text', nullable: true })
  ocopCertificateNumber: string | null;

  /** ISO dates (YYYY-MM-DD): certificates are dated by day. */
  @Column({ name: 'ocop_issued_at', type: 'date', nullable: true })
  ocopIssuedAt: string | null;

  @Column({ name: 'ocop_expires_at', type: 'date', nullable: true })
  ocopExpiresAt: string | null;

  /** Null exactly when there is no claim. */
  @Column({ name: 'ocop_status', type: 'text', nullable: true })
  ocopStatus: OcopStatus | null;

  /** The official who verified or rejected the claim (null while pending, and for claims admitted before verification). */
  @Column({ name: 'ocop_verified_by', type: 'uuid', nullable: true })
  ocopVerifiedBy: string | null;

  @Column({ name: 'ocop_verified_at', type: 'timestamptz', nullable: true })
  ocopVerifiedAt: Date | null;

  @Column({ name: 'ocop_rejection_reason', type: 'text', nullable: true })
  ocopRejectionReason: string | null;

  @Column({ name: 'harvest_months', type: 'smallint', array: true })
  harvestMonths: number[];

  @Column({ name: 'shelf_life_days', type: 'int', nullable: true })
  shelfLifeDays: number | null;

  /** Lowest variant price, kept with the variants so the catalog can sort and filter by price. */
  @Column({ name: 'min_price', type: 'bigint', transformer: bigintNumber })
  minPrice: number;

  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

export enum CertificationType {
  VietGap = 'vietgap',
  GlobalGap = 'globalgap',
  Organic = 'organic',
  Haccp = 'haccp',
  Iso22000 = 'iso22000',
  Other = 'other',
}

@Entity('product_certifications')
export class ProductCertification {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'product_id', type: 'uuid' })
  productId: string;

  @Column({ type: 'text' })
  type: CertificationType;

  @Column({ type: 'text' })
  number: string;

  @Column({ type: 'text' })
  issuer: string;

  @Column({ name: 'issued_at', type: 'date' })
  issuedAt: string;

  @Column({ name: 'expires_at', type: 'date' })
  expiresAt: string;

  @Column({ type: 'int' })
  position: number;
}

@Entity('variants')
export class Variant {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'product_id', type: 'uuid' })
  productId: string;

  /** Carried here so the SKU is unique within the cooperative. */
  @Column({ name: 'cooperative_id', type: 'uuid' })
  cooperativeId: string;

  @Column({ type: 'text' })
  sku: string;

  @Column({ type: 'text' })
  name: string;

  /** Integer đồng. */
  @Column({ type: 'bigint', transformer: bigintNumber })
  price: number;

  @Column({ name: 'weight_grams', type: 'int' })
  weightGrams: number;

  /** On hand; never negative (CHECK), changed only by conditional updates. */
  @Column({ type: 'int' })
  stock: number;

  @Column({ type: 'int' })
  position: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

/** Object keys of each generated size, e.g. `{"320": "public/products/…/320.webp", "1024": …}`. */
export type ImageKeys = Record<string, `public/${string}`>;

@Entity('product_images')
export class ProductImage {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'product_id', type: 'uuid' })
  productId: string;

  @Column({ type: 'int' })
  position: number;

  @Column({ type: 'int' })
  width: number;

  @Column({ type: 'int' })
  height: number;

  @Column({ type: 'jsonb' })
  keys: ImageKeys;

  @Column({ type: 'text', nullable: true })
  alt: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
