import { randomBytes } from 'node:crypto';
import { slugify } from '@nongsan/core';
import type { EntityManager } from 'typeorm';
import type { OcopInput } from './product.dto.js';
import type { Product } from './product.entities.js';

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

/** The OCOP block as product columns; none at all clears them together (the table checks they go together). */
export function ocopColumns(ocop: OcopInput | null | undefined): Pick<Product, 'ocopStars' | 'ocopCertificateNumber' | 'ocopIssuedAt' | 'ocopExpiresAt'> {
  return {
    ocopStars: ocop?.stars ?? null,
    ocopCertificateNumber: ocop?.certificateNumber ?? null,
    ocopIssuedAt: ocop?.issuedAt ?? null,
    ocopExpiresAt: ocop?.expiresAt ?? null,
  };
}
