import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { PageQueryDto, trimString } from '@nongsan/core';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsEnum,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { CertificationType, OcopStatus, ProductStatus } from './product.entities.js';

const MAX_PRICE = 1_000_000_000_000;

export class OcopInput {
  @ApiProperty({ minimum: 3, maximum: 5, example: 4, description: 'Only 3★ and above are certified OCOP products' })
  @IsInt()
  @Min(3)
  @Max(5)
  stars: number;

  @ApiProperty({ example: '123/QĐ-UBND' })
  @Transform(trimString)
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  certificateNumber: string;

  @ApiProperty({ example: '2024-03-15', format: 'date' })
  @IsISO8601({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  issuedAt: string;

  @ApiProperty({ example: '2027-03-15', format: 'date', description: 'Usually 36 months after issue; after it the badge is hidden' })
  @IsISO8601({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  expiresAt: string;
}

export class CertificationInput {
  @ApiProperty({ enum: CertificationType })
  @IsEnum(CertificationType)
  type: CertificationType;

  @ApiProperty({ example: 'VG-BĐ-0425' })
  @Transform(trimString)
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  number: string;

  @ApiProperty({ example: 'Trung tâm Chứng nhận VietGAP' })
  @Transform(trimString)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  issuer: string;

  @ApiProperty({ format: 'date' })
  @IsISO8601({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  issuedAt: string;

  @ApiProperty({ format: 'date' })
  @IsISO8601({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  expiresAt: string;
}

/** The rules of each variant field, shared by a new variant (every field) and a change to one (any of them). */
const VariantSku = () => applyDecorators(Transform(trimString), Matches(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/));
const VariantName = () => applyDecorators(Transform(trimString), IsString(), IsNotEmpty(), MaxLength(120));
const VariantPrice = () => applyDecorators(IsInt(), Min(1), Max(MAX_PRICE));
const VariantWeight = () => applyDecorators(IsInt(), Min(1), Max(1_000_000));
const VariantStock = () => applyDecorators(IsInt(), Min(0), Max(10_000_000));

export class VariantInput {
  @ApiProperty({ example: 'BD-RUOU-500', description: 'Unique within the cooperative' })
  @VariantSku()
  sku: string;

  @ApiProperty({ example: 'Chai 500 ml' })
  @VariantName()
  name: string;

  @ApiProperty({ example: 150000, description: 'Integer đồng, > 0' })
  @VariantPrice()
  price: number;

  @ApiProperty({ example: 900, description: 'Shipping weight in grams' })
  @VariantWeight()
  weightGrams: number;

  @ApiProperty({ example: 40, minimum: 0 })
  @VariantStock()
  stock: number;
}

/**
 * A field of a variant change is checked when it is given; without an id the entry is a new
 * variant, so every field is checked and a missing one is reported as required.
 */
const GivenOrNew = () => ValidateIf((v: VariantChangeInput, value: unknown) => value !== undefined || v.id == null);
const NEEDED_BY_NEW = 'Required when adding a variant (no id); with an id, only what changes';

/** On PATCH: with an id, any subset of the fields changes that variant; without one, a new variant needs them all. */
export class VariantChangeInput {
  @ApiPropertyOptional({ format: 'uuid', description: 'The variant to change; omit to add a variant' })
  @IsOptional()
  @IsUUID()
  id?: string;

  @ApiPropertyOptional({ example: 'BD-RUOU-500', description: `Unique within the cooperative. ${NEEDED_BY_NEW}` })
  @GivenOrNew()
  @VariantSku()
  sku?: string;

  @ApiPropertyOptional({ example: 'Chai 500 ml', description: NEEDED_BY_NEW })
  @GivenOrNew()
  @VariantName()
  name?: string;

  @ApiPropertyOptional({ example: 150000, description: `Integer đồng, > 0. ${NEEDED_BY_NEW}` })
  @GivenOrNew()
  @VariantPrice()
  price?: number;

  @ApiPropertyOptional({ example: 900, description: `Shipping weight in grams. ${NEEDED_BY_NEW}` })
  @GivenOrNew()
  @VariantWeight()
  weightGrams?: number;

  @ApiPropertyOptional({ example: 40, minimum: 0, description: NEEDED_BY_NEW })
  @GivenOrNew()
  @VariantStock()
  stock?: number;
}

export class CreateProductDto {
  @ApiProperty({ example: 'Rượu Bàu Đá Nhơn Lộc 40 độ' })
  @Transform(trimString)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @ApiProperty({ example: 'Rượu gạo nấu thủ công bằng nước giếng Bàu Đá…' })
  @Transform(trimString)
  @IsString()
  @MaxLength(10_000)
  description: string;

  @ApiProperty({ example: 'wine-spirits', description: 'A category id from GET /catalog/categories' })
  @IsString()
  @Matches(/^[a-z0-9-]{1,60}$/)
  categoryId: string;

  @ApiProperty({ example: '21940', description: 'Ward of origin (province 52, since 2025-07-01)' })
  @Matches(/^\d{5}$/)
  originWardCode: string;

  @ApiProperty({ example: 'chai 500 ml' })
  @Transform(trimString)
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  unit: string;

  @ApiPropertyOptional({ type: OcopInput, nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => OcopInput)
  ocop?: OcopInput | null;

  @ApiPropertyOptional({ type: [CertificationInput] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => CertificationInput)
  certifications?: CertificationInput[];

  @ApiPropertyOptional({ type: [Number], example: [5, 6, 7], description: 'Months in season, 1–12' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(12)
  @ArrayUnique()
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(12, { each: true })
  harvestMonths?: number[];

  @ApiPropertyOptional({ example: 365, description: 'Days' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(36_500)
  shelfLifeDays?: number;

  @ApiProperty({ type: [VariantInput] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => VariantInput)
  variants: VariantInput[];
}

/**
 * Any field may be left out; a null is checked like any value (a required field's null is a 400
 * naming it, not a database error), except where the field itself takes null (`ocop: null` clears
 * the claim).
 */
export class UpdateProductDto extends PartialType(OmitType(CreateProductDto, ['variants'] as const), { skipNullProperties: false }) {
  @ApiPropertyOptional({ type: [VariantChangeInput], description: 'Variants not listed stay as they are' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => VariantChangeInput)
  variants?: VariantChangeInput[];
}

export class VariantDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() sku: string;
  @ApiProperty() name: string;
  @ApiProperty({ description: 'Integer đồng' }) price: number;
  @ApiProperty() weightGrams: number;
  @ApiProperty() stock: number;
}

export class OcopDto extends OcopInput {
  @ApiProperty({ description: 'False once expired: the badge is hidden but the data kept' }) valid: boolean;
  @ApiProperty({
    enum: OcopStatus,
    description:
      'The Department’s check of the claim against its certificate; only a verified, valid claim earns the badge. Editing the claim sends it back to pending',
  })
  status: OcopStatus;
  @ApiPropertyOptional({ description: 'Why the Department rejected the claim (only when rejected)' }) rejectionReason?: string;
}

export class CertificationDto extends CertificationInput {
  @ApiProperty() valid: boolean;
}

export class ImageDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: { '320': 'http://…/320.webp', '1024': 'http://…/1024.webp' } }) urls: Record<string, string>;
  @ApiProperty() width: number;
  @ApiProperty() height: number;
  @ApiProperty({ nullable: true, type: String }) alt: string | null;
}

export class ProductDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) cooperativeId: string;
  @ApiProperty() slug: string;
  @ApiProperty() name: string;
  @ApiProperty() description: string;
  @ApiProperty() categoryId: string;
  @ApiProperty() originWardCode: string;
  @ApiProperty() unit: string;
  @ApiProperty({ enum: ProductStatus }) status: ProductStatus;
  @ApiProperty({ type: OcopDto, nullable: true }) ocop: OcopDto | null;
  @ApiProperty({ type: [CertificationDto] }) certifications: CertificationDto[];
  @ApiProperty({ type: [Number] }) harvestMonths: number[];
  @ApiProperty({ nullable: true, type: Number }) shelfLifeDays: number | null;
  @ApiProperty({ type: [VariantDto] }) variants: VariantDto[];
  @ApiProperty({ type: [ImageDto] }) images: ImageDto[];
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) publishedAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class ProductListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ProductStatus })
  @IsOptional()
  @IsEnum(ProductStatus)
  status?: ProductStatus;
}

export class ProductSummaryDto extends OmitType(ProductDto, ['description', 'certifications', 'images'] as const) {}

export class ProductPageDto {
  @ApiProperty({ type: [ProductSummaryDto] }) items: ProductSummaryDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
