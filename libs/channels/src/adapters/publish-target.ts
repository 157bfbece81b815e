/**
 * Which platform item a publish updates, by the same rule on every platform: the one known from an
 * earlier publish; else, when an earlier attempt may have created it and lost its id, the one
 * carrying our SKU; else none, and publish creates one. A publish searches by SKU at most once, so
 * an item that keeps disappearing ends in a create instead of a loop.
 */
import { ok, type AdapterResult, type PublishInput } from './channel-adapter.js';

export class PublishTarget<Ref> {
  private searchedAlready = false;

  private constructor(
    private current: Ref | null,
    private readonly findBySku: () => Promise<AdapterResult<Ref | null>>,
  ) {}

  /** The known item (`parse` reads its external id), or the one found by SKU when the input says it may exist. */
  static async resolve<Ref>(
    input: PublishInput,
    parse: (externalId: string) => AdapterResult<Ref>,
    findBySku: () => Promise<AdapterResult<Ref | null>>,
  ): Promise<AdapterResult<PublishTarget<Ref>>> {
    let known: Ref | null = null;
    if (input.externalId) {
      const parsed = parse(input.externalId);
      if (!parsed.ok) return parsed;
      known = parsed.value;
    }
    const target = new PublishTarget(known, findBySku);
    if (known === null && input.mayExist) {
      const searched = await target.searchOnce();
      if (!searched.ok) return searched;
    }
    return ok(target);
  }

  /** The item to update; null when there is none and the publish creates one. */
  get item(): Ref | null {
    return this.current;
  }

  get searched(): boolean {
    return this.searchedAlready;
  }

  /**
   * Updates the item with `update`, which answers the item as it now is. When the platform says it
   * is gone (`gone` reads the failure), the one carrying our SKU takes its place, searched once.
   * Null when no item is left to update: the publish creates one.
   */
  async update(update: (item: Ref) => Promise<AdapterResult<Ref>>, gone: (failure: { code: string }) => boolean): Promise<AdapterResult<Ref | null>> {
    for (let item = this.current; item !== null; item = this.current) {
      const updated = await update(item);
      if (updated.ok || !gone(updated)) return updated;
      // Deleted on the platform since we last saw it: another item may carry the SKU, else none.
      const next = await this.searchOnce();
      if (!next.ok) return next;
    }
    return ok(null);
  }

  /**
   * The item is not the one to update after all (gone from the platform, say): the one carrying our
   * SKU takes its place, or none when this publish has searched already.
   */
  async searchOnce(): Promise<AdapterResult<void>> {
    if (this.searchedAlready) {
      this.current = null;
      return ok(undefined);
    }
    const found = await this.findBySku();
    if (!found.ok) return found;
    this.current = found.value;
    this.searchedAlready = true;
    return ok(undefined);
  }
}

/**
 * Among the items that carry our SKU (duplicates can exist from before), the one a publish takes
 * over: the best status in `statuses` order (on sale first), then the oldest (the smallest id, ids
 * compared as whole numbers however long). Null when none has one of those statuses.
 */
export function preferredItem<T extends { status: string; id: string }>(candidates: T[], statuses: string[]): T | null {
  const rank = (candidate: T) => statuses.indexOf(candidate.status);
  const eligible = candidates.filter((candidate) => rank(candidate) >= 0);
  eligible.sort((a, b) => rank(a) - rank(b) || a.id.length - b.id.length || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return eligible[0] ?? null;
}
