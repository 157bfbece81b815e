import { randomBytes } from 'node:crypto';
import { slugify } from '@nongsan/core';
import type { EntityManager } from 'typeorm';
import { Cooperative } from './cooperative.entities.js';

/** Readable URLs: the name's slug, or with a random suffix when another cooperative has it. */
export async function uniqueCooperativeSlug(manager: EntityManager, name: string): Promise<string> {
  const base = slugify(name);
  const taken = await manager.getRepository(Cooperative).existsBy({ slug: base });
  return taken ? `${base}-${randomBytes(3).toString('hex')}` : base;
}
