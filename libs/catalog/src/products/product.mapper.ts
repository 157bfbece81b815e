import { vietnamDate, type ObjectStorage } from '@nongsan/core';
import type { ImageDto, ProductDto, VariantDto } from './product.dto.js';
import type { Product, ProductCertification, ProductImage, Variant } from './product.entities.js';

export function toVariantDto(v: Variant): VariantDto {
  return { id: v.id, sku: v.sku, name: v.name, price: v.price, weightGrams: v.weightGrams, stock: v.stock };
}

export function toImageDto(image: ProductImage, storage: ObjectStorage): ImageDto {
  const urls = Object.fromEntries(Object.entries(image.keys).map(([size, key]) => [size, storage.publicUrl(key)]));
  return { id: image.id, urls, width: image.width, height: image.height, alt: image.alt };
}

export function toProductDto(
  p: Product,
  parts: { variants: Variant[]; certifications: ProductCertification[]; images: ProductImage[] },
  storage: ObjectStorage,
  today = vietnamDate(),
): ProductDto {
  return {
    id: p.id,
    cooperativeId: p.cooperativeId,
    slug: p.slug,
    name: p.name,
    description: p.description,
    categoryId: p.categoryId,
    originWardCode: p.originWardCode,
    unit: p.unit,
    status: p.status,
    ocop:
      p.ocopStars !== null
        ? {
            stars: p.ocopStars,
            certificateNumber: p.ocopCertificateNumber!,
            issuedAt: p.ocopIssuedAt!,
            expiresAt: p.ocopExpiresAt!,
            valid: p.ocopExpiresAt! >= today,
            status: p.ocopStatus!,
            ...(p.ocopRejectionReason !== null ? { rejectionReason: p.ocopRejectionReason } : {}),
          }
        : null,
    certifications: parts.certifications.map((c) => ({
      type: c.type,
      number: c.number,
      issuer: c.issuer,
      issuedAt: c.issuedAt,
      expiresAt: c.expiresAt,
      valid: c.expiresAt >= today,
    })),
    harvestMonths: p.harvestMonths,
    shelfLifeDays: p.shelfLifeDays,
    variants: parts.variants.map(toVariantDto),
    images: parts.images.map((i) => toImageDto(i, storage)),
    publishedAt: p.publishedAt?.toISOString() ?? null,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}
