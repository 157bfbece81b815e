import { randomBytes } from 'node:crypto';
import { slugify } from '@nongsan/core';
import type { EntityManager } from 'typeorm';
import type { OcopInput } from './product.dto.js';
import { OcopStatus, type Product } from './product.entities.js';

/** Readable URLs: the name's slug, or with a random suffix when another product has it. One query for many names. */
export async function uniqueSlugs(manager: EntityManager, names: string[]): Promise<string[]> {
  const bases = names.map((name) => slugify(name));
  const taken = new Set((await manager.query<Array<{ slug: string }>>(`SELECT slug FROM products WHERE slug = ANY($1)`, [bases])).map((r) => r.slug));
  return bases.map((base) => {
    const slug = taken.has(base) ? `${base}-${randomBytes(3).toString('hex')}` : base;
    taken.add(slug);
    return slug;
  });
}

export type OcopClaim = Pick<Product, 'ocopStars' | 'ocopCertificateNumber' | 'ocopIssuedAt' | 'ocopExpiresAt'>;
export type OcopColumns = OcopClaim & Pick<Product, 'ocopStatus' | 'ocopVerifiedBy' | 'ocopVerifiedAt' | 'ocopRejectionReason'>;

/**
 * The OCOP block as product columns; none at all clears them together (the table checks they go
 * together). A new or changed claim (stars, certificate number, dates) goes to the Department as
 * `pending`; the same claim sent again keeps its verdict, so a re-import or an unrelated edit does
 * not undo a verification.
 */
export function ocopColumns(ocop: OcopInput | null | undefined, current: OcopColumns | null = null): OcopColumns {
  const claim: OcopClaim = {
    ocopStars: ocop?.stars ?? null,
    ocopCertificateNumber: ocop?.certificateNumber ?? null,
    ocopIssuedAt: ocop?.issuedAt ?? null,
    ocopExpiresAt: ocop?.expiresAt ?? null,
  };
  if (claim.ocopStars === null) return { ...claim, ocopStatus: null, ocopVerifiedBy: null, ocopVerifiedAt: null, ocopRejectionReason: null };
  const unchanged =
    current !== null &&
    current.ocopStatus !== null &&
    current.ocopStars === claim.ocopStars &&
    current.ocopCertificateNumber === claim.ocopCertificateNumber &&
    current.ocopIssuedAt === claim.ocopIssuedAt &&
    current.ocopExpiresAt === claim.ocopExpiresAt;
  if (unchanged) {
    return {
      ...claim,
      ocopStatus: current.ocopStatus,
      ocopVerifiedBy: current.ocopVerifiedBy,
      ocopVerifiedAt: current.ocopVerifiedAt,
      ocopRejectionReason: current.ocopRejectionReason,
    };
  }
  return { ...claim, ocopStatus: OcopStatus.Pending, ocopVerifiedBy: null, ocopVerifiedAt: null, ocopRejectionReason: null };
}

/** Whether a claim earns the OCOP badge today: verified by the Department and not expired. */
export function earnsOcopBadge(p: Pick<Product, 'ocopStatus' | 'ocopExpiresAt'>, today: string): boolean {
  return p.ocopStatus === OcopStatus.Verified && p.ocopExpiresAt !== null && p.ocopExpiresAt >= today;
}
