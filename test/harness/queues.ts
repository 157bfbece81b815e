import type { TestApp } from './app.js';
import { eventually } from './eventually.js';

/** Every queue a catalog change or a channel sync sets off, in the order the work flows through them. */
export const CHANNEL_QUEUES = ['channels.catalog-changed', 'channel.full-sync', 'listing.sync', 'channel.orders.import'];

/**
 * Waits until no job of `queues` is waiting (due now or later), retrying or running: whatever the
 * last change set off has happened, however slow the machine. Each handler enqueues its follow-up
 * work before its own job completes, so there is no moment between two steps where all look idle.
 * A test that asserts "nothing more happened" waits for this instead of sleeping a guessed time.
 */
export async function queuesIdle(t: TestApp, queues: string[], timeoutMs = 120_000): Promise<void> {
  const busy = await eventually(
    async () =>
      (await t.db.query(
        `SELECT name, state, count(*)::int AS n FROM pgboss.job WHERE name = ANY($1) AND state IN ('created', 'retry', 'active') GROUP BY name, state`,
        [queues],
      )) as Array<{
        name: string;
        state: string;
        n: number;
      }>,
    (rows) => rows.length === 0,
    timeoutMs,
    100,
  );
  if (busy.length > 0) throw new Error(`queues still busy after ${timeoutMs} ms: ${JSON.stringify(busy)}`);
}
