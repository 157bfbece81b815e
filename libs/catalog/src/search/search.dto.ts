import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PageQueryDto, trimString } from '@nongsan/core';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsEnum, IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { CertificationType } from '../products/product.entities.js';
import { CertificationDto, ImageDto, OcopDto } from '../products/product.dto.js';

export const SORTS = ['relevance', 'price_asc', 'price_desc', 'newest'] as const;
export type Sort = (typeof SORTS)[number];

export class ProductSearchDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Words in any order, accents optional ("nuoc mam de gi"), small typos tolerated' })
  @IsOptional()
  @Transform(trimString)
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ example: 'seafood', description: 'Includes its sub-categories' })
  @IsOptional()
  @Matches(/^[a-z0-9-]{1,60}$/)
  categoryId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: "Only this cooperative's products (its public page)" })
  @IsOptional()
  @IsUUID()
  cooperativeId?: string;

  @ApiPropertyOptional({ example: '21940' })
  @IsOptional()
  @Matches(/^\d{5}$/)
  wardCode?: string;

  @ApiPropertyOptional({ example: '549', description: 'Former district of origin' })
  @IsOptional()
  @Matches(/^\d{3}$/)
  formerDistrictCode?: string;

  @ApiPropertyOptional({ minimum: 3, maximum: 5, description: 'At least this many OCOP stars (claim verified by the Department, certificate valid)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(3)
  @Max(5)
  ocopStars?: number;

  @ApiPropertyOptional({ enum: CertificationType, description: 'Has this certification, not expired' })
  @IsOptional()
  @IsEnum(CertificationType)
  certification?: CertificationType;

  @ApiPropertyOptional({ description: 'Đồng' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  minPrice?: number;

  @ApiPropertyOptional({ description: 'Đồng' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  maxPrice?: number;

  @ApiPropertyOptional({ description: 'Only products with stock' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  inStock?: boolean;

  @ApiPropertyOptional({ enum: SORTS, default: 'relevance', description: 'relevance falls back to newest without q' })
  @IsOptional()
  @IsIn(SORTS)
  sort?: Sort;
}

export class CooperativeRefDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() slug: string;
}

export class CatalogItemDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() slug: string;
  @ApiProperty() name: string;
  @ApiProperty({ description: 'Lowest variant price, đồng' }) minPrice: number;
  @ApiProperty({ nullable: true, type: String, description: '320 px WebP' }) imageUrl: string | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Image width/height ratio, to reserve space' }) imageAspect: number | null;
  @ApiProperty({ type: CooperativeRefDto }) cooperative: CooperativeRefDto;
  @ApiProperty({ nullable: true, type: Number, description: 'Only when the Department verified the claim and the certificate is valid' }) ocopStars:
    number | null;
  @ApiProperty() wardCode: string;
  @ApiProperty() wardName: string;
  @ApiProperty() categoryId: string;
  @ApiProperty() inStock: boolean;
}

export class CatalogPageDto {
  @ApiProperty({ type: [CatalogItemDto] }) items: CatalogItemDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
  @ApiProperty({ description: 'True when no product had every word, and these are close matches (typos tolerated)' }) approximate: boolean;
}

export class PublicVariantDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() sku: string;
  @ApiProperty() name: string;
  @ApiProperty() price: number;
  @ApiProperty() weightGrams: number;
  @ApiProperty({ enum: ['in_stock', 'low_stock', 'out_of_stock'] }) stockState: 'in_stock' | 'low_stock' | 'out_of_stock';
  @ApiProperty({ description: 'Units available' }) stock: number;
}

export class PublicCooperativeDto extends CooperativeRefDto {
  @ApiProperty() wardName: string;
  @ApiProperty({ nullable: true, type: String }) logoUrl: string | null;
  @ApiProperty({ nullable: true, type: String }) description: string | null;
}

/** A cooperative's public page: who they are, where, and what they sell. */
export class CooperativeProfileDto extends PublicCooperativeDto {
  @ApiProperty({ example: '21910', description: 'Ward of its address' }) wardCode: string;
  @ApiProperty({ type: [String], example: ['An Nhơn'], description: 'Former districts its ward was made of' }) formerDistricts: string[];
  @ApiProperty({ description: 'Products on sale' }) productCount: number;
  @ApiProperty({ description: 'Products on sale with a verified, valid OCOP certificate' }) ocopProductCount: number;
  @ApiProperty({ format: 'date-time', description: 'When the Department approved it (or, failing a record, when it registered)' }) memberSince: string;
}

export class OriginDto {
  @ApiProperty() wardCode: string;
  @ApiProperty() wardName: string;
  @ApiProperty({ example: 'Bình Định' }) formerProvince: string;
  @ApiProperty({ type: [String], example: ['An Nhơn'] }) formerDistricts: string[];
}

export class PublicProductDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() slug: string;
  @ApiProperty() name: string;
  @ApiProperty() description: string;
  @ApiProperty() categoryId: string;
  @ApiProperty() categoryName: string;
  @ApiProperty() unit: string;
  @ApiProperty({ type: OcopDto, nullable: true, description: 'Present only when the Department verified the claim and the certificate is valid' })
  ocop: OcopDto | null;
  @ApiProperty({ type: [CertificationDto], description: 'Valid certifications only' }) certifications: CertificationDto[];
  @ApiProperty({ type: [Number] }) harvestMonths: number[];
  @ApiProperty({ nullable: true, type: Number }) shelfLifeDays: number | null;
  @ApiProperty() minPrice: number;
  @ApiProperty({ type: [PublicVariantDto] }) variants: PublicVariantDto[];
  @ApiProperty({ type: [ImageDto] }) images: ImageDto[];
  @ApiProperty({ type: PublicCooperativeDto }) cooperative: PublicCooperativeDto;
  @ApiProperty({ type: OriginDto }) origin: OriginDto;
}
