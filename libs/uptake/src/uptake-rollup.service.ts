import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { QueueService } from '@nongsan/core';
import type { DataSource } from 'typeorm';
import { coverPeriod } from './period-cover.js';

/** Reports count days, weeks and months in Vietnam time. */
export const TZ = 'Asia/Ho_Chi_Minh';
const ROLLUP = 'uptake.rollup';
/** Orders that count: placed and not cancelled, refunded or brought back undelivered (an unpaid VietQR/card order is not a sale yet). */
export const COUNTED = `status NOT IN ('pending_payment','cancelled','refunded','returned')`;
/**
 * The Ministry report's transactions: orders placed on any channel, except an online payment that
 * never came (the order was cancelled straight from pending_payment) — never a transaction.
 * Of those, succeeded once delivered, failed once cancelled, refunded or returned by the carrier.
 */
const PLACED = `NOT (o.status = 'cancelled' AND EXISTS (SELECT 1 FROM order_status_changes s WHERE s.order_id = o.id AND s.from_status = 'pending_payment' AND s.to_status = 'cancelled'))`;
const SUCCEEDED = `o.status IN ('delivered', 'completed')`;
const FAILED = `o.status IN ('cancelled', 'refunded', 'returned')`;

/**
 * The rollup of sales the reports read: orders per Vietnam day, week and month, cooperative and
 * channel. Kept current incrementally (a worker every minute, and every report first folds in the
 * days that changed since), so a report's cost follows days and cooperatives, not orders.
 */
@Injectable()
export class UptakeRollup implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly queue: QueueService,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.queue.defineQueue(ROLLUP, { policy: 'singleton' });
    this.queue.work(ROLLUP, () => this.refresh());
    await this.queue.schedule(ROLLUP, '* * * * *');
  }

  /**
   * Re-aggregates the Vietnam days whose orders changed since the last run (marked by a trigger
   * in the order's own transaction). A day marked by a transaction that commits while this runs
   * stays marked for the next run.
   */
  async refresh(): Promise<void> {
    await this.db.transaction(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('uptake.rollup'))`);
      // One mark per day and order transaction (a mark shared with a transaction still open would hide its order from this fold for good).
      const taken = (await manager.query(`WITH taken AS (DELETE FROM uptake_dirty_days RETURNING day) SELECT DISTINCT day::text FROM taken`)) as Array<{
        day: string;
      }>;
      if (taken.length === 0) return;
      const days = taken.map((d) => d.day);
      await manager.query(`DELETE FROM uptake_order_days WHERE day = ANY($1::date[])`, [days]);
      // One index range per day on orders.created_at.
      await manager.query(
        `INSERT INTO uptake_order_days (day, cooperative_id, channel, orders, gmv, placed, succeeded, failed)
         SELECT d.day, o.cooperative_id, o.channel,
                count(*) FILTER (WHERE o.${COUNTED}), coalesce(sum(o.items_total) FILTER (WHERE o.${COUNTED}), 0),
                count(*) FILTER (WHERE ${PLACED}), count(*) FILTER (WHERE ${PLACED} AND ${SUCCEEDED}), count(*) FILTER (WHERE ${PLACED} AND ${FAILED})
           FROM unnest($1::date[]) AS d(day)
           JOIN orders o ON o.created_at >= d.day::timestamp AT TIME ZONE '${TZ}' AND o.created_at < (d.day + 1)::timestamp AT TIME ZONE '${TZ}'
          WHERE o.status <> 'pending_payment'
          GROUP BY 1, 2, 3`,
        [days],
      );
      // The weeks and months those days are in, again from the days.
      for (const [table, unit, length] of [
        ['uptake_order_weeks', 'week', '7 days'],
        ['uptake_order_months', 'month', '1 month'],
      ]) {
        const touched = `SELECT DISTINCT date_trunc('${unit}', d)::date FROM unnest($1::date[]) AS d`;
        await manager.query(`DELETE FROM ${table} WHERE ${unit} IN (${touched})`, [days]);
        await manager.query(
          `INSERT INTO ${table} (${unit}, cooperative_id, channel, orders, gmv, placed, succeeded, failed)
           SELECT t.start, d.cooperative_id, d.channel, sum(d.orders), sum(d.gmv), sum(d.placed), sum(d.succeeded), sum(d.failed)
             FROM (${touched}) AS t(start) JOIN uptake_order_days d ON d.day >= t.start AND d.day < (t.start + interval '${length}')::date
            GROUP BY 1, 2, 3`,
          [days],
        );
      }
    });
  }
}

/**
 * The period's sales as rows (start, cooperative_id, channel, orders, gmv): whole months and weeks
 * from their rollups, only the days at the edges from the daily one (coverPeriod), so a report
 * costs about the same at 100 000 orders as at 1 000 000 (bench/uptake.mjs). Its three
 * parameters are $n, $n+1, $n+2.
 */
export function rolledUpSales(
  period: { from: string; to: string },
  grain: 'month' | 'week',
  n: number,
  measures = 'orders, gmv',
  having = 'orders > 0',
): { sql: string; params: unknown[] } {
  const cover = coverPeriod(period.from, period.to, grain);
  // A rollup row may hold only orders that did not sell (cancelled ones, for the Ministry's counts): `having` leaves them out.
  return {
    sql: `SELECT month AS start, cooperative_id, channel, ${measures} FROM uptake_order_months WHERE month = ANY($${n}::date[]) AND ${having}
          UNION ALL SELECT week, cooperative_id, channel, ${measures} FROM uptake_order_weeks WHERE week = ANY($${n + 1}::date[]) AND ${having}
          UNION ALL SELECT day, cooperative_id, channel, ${measures} FROM uptake_order_days WHERE day = ANY($${n + 2}::date[]) AND ${having}`,
    params: [cover.months, cover.weeks, cover.days],
  };
}
