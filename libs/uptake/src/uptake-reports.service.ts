import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { CHANNEL_PLATFORMS } from '@nongsan/channels';
import { AppException, type FieldIssue } from '@nongsan/core';
import type { DataSource } from 'typeorm';
import { bucketStarts } from './period-cover.js';
import { COUNTED, rolledUpSales, TZ, UptakeRollup } from './uptake-rollup.service.js';
import type {
  ChannelsUptakeDto,
  FunnelDto,
  LocalitiesDto,
  LocalityDto,
  MoitReportDto,
  MoitReportQueryDto,
  PeriodDto,
  SyncHealthDto,
  TimeseriesDto,
  TimeseriesQueryDto,
  UptakeQueryDto,
  UptakeSummaryDto,
} from './uptake.dto.js';

/** The storefront's own channel, beside the marketplaces. */
const WEB = { channel: 'web', name: 'Sàn Nông sản (web)' };
const MAX_PERIOD_DAYS = 3660;
/** Most frequent sync errors shown per platform. */
const TOP_ERRORS = 5;

/**
 * A reporting period in Vietnam time, with its locality filter. Every query takes the same first
 * six parameters: $1 start and $2 end (timestamptz, end excluded), $3 ward, $4 former district,
 * $5 first and $6 last day (date, included).
 */
export interface Period extends PeriodDto {
  start: Date;
  end: Date;
}

type Totals = Record<
  'registered' | 'submitted' | 'approved' | 'withActiveProducts' | 'withExternalChannel' | 'withSalesInPeriod' | 'active' | 'ocop' | 'ocopOnline',
  number
>;

/**
 * The cooperatives in the period's locality, as a CTE every query starts from. `typed` names the
 * type of every period parameter, so a query that leaves one unused still prepares.
 */
const LOCALITY = `typed AS (SELECT $1::timestamptz AS start_at, $2::timestamptz AS end_at, $5::date AS first_day, $6::date AS last_day),
  loc AS (SELECT cooperative_id, ward_code, former_district_code FROM cooperative_localities
                           WHERE ($3::text IS NULL OR ward_code = $3) AND ($4::text IS NULL OR former_district_code = $4))`;
/** Each bucket of a series ($7, first days) with the instant it ends, for counts "as at the end of the bucket". */
const bucketEnds = (interval: 'week' | 'month') =>
  `ends AS (SELECT b::date AS bucket, (b::date + interval '${interval === 'month' ? '1 month' : '7 days'}')::timestamp AT TIME ZONE '${TZ}' AS bucket_end FROM unnest($7::date[]) b)`;
/** Each cooperative's status at the end of the period, from its status history. */
const STATUS_AT_END = `status_at AS (SELECT DISTINCT ON (cooperative_id) cooperative_id, to_status FROM cooperative_status_changes
                                      WHERE created_at < $2 ORDER BY cooperative_id, id DESC)`;
/**
 * A product on sale at the end of the period: published before it and still active (archiving
 * keeps no date), of a cooperative approved at that end. Every "on sale" figure — summary, channels,
 * localities, export, the Ministry's report — counts through factsWith() below, so they cannot disagree.
 */
const ON_SALE = `p.status = 'active' AND p.published_at < $2`;
/** An OCOP claim that counts: verified by the Department, certificate valid on the period's last day. */
const OCOP_COUNTED = `p.ocop_status = 'verified' AND p.ocop_expires_at >= $6`;
/**
 * One row per cooperative of the locality with everything the reports count about it at the end of
 * the period; `sold` is the period's sales from the rollup (rolledUpSales(), parameters $7–$9).
 */
const factsWith = (sold: string) => `${LOCALITY}, ${STATUS_AT_END}, sold AS (${sold}),
  catalog AS (SELECT p.cooperative_id,
                     count(*) FILTER (WHERE ${ON_SALE}) AS on_sale,
                     count(*) FILTER (WHERE ${OCOP_COUNTED} AND p.status <> 'archived' AND p.created_at < $2) AS ocop,
                     count(*) FILTER (WHERE ${OCOP_COUNTED} AND ${ON_SALE}) AS ocop_on_sale
                FROM products p JOIN loc l ON l.cooperative_id = p.cooperative_id GROUP BY p.cooperative_id),
  sales AS (SELECT cooperative_id, sum(orders) AS orders, sum(gmv) AS gmv FROM sold GROUP BY cooperative_id),
  facts AS (
    SELECT l.cooperative_id, l.ward_code, l.former_district_code,
           m.registered_at < $2 AS registered,
           m.submitted_at < $2 AS submitted,
           coalesce(s.to_status = 'approved', false) AS approved,
           CASE WHEN s.to_status = 'approved' THEN coalesce(k.on_sale, 0) ELSE 0 END AS on_sale,
           coalesce(k.ocop, 0) AS ocop,
           CASE WHEN s.to_status = 'approved' THEN coalesce(k.ocop_on_sale, 0) ELSE 0 END AS ocop_on_sale,
           EXISTS (SELECT 1 FROM channel_connections x WHERE x.cooperative_id = l.cooperative_id AND x.created_at < $2
                      AND (x.disconnected_at IS NULL OR x.disconnected_at >= $2)) AS external_channel,
           coalesce(g.orders, 0) > 0 AS has_sales,
           coalesce(g.gmv, 0) AS gmv
      FROM loc l JOIN cooperative_milestones m ON m.cooperative_id = l.cooperative_id
      LEFT JOIN status_at s ON s.cooperative_id = l.cooperative_id
      LEFT JOIN catalog k ON k.cooperative_id = l.cooperative_id
      LEFT JOIN sales g ON g.cooperative_id = l.cooperative_id)`;

/**
 * The numbers the Department reports: onboarding, products and OCOP products online, sales by
 * channel and locality, sync health, the Ministry's report.
 * Sales are read from the rollup (UptakeRollup), brought up to date first.
 * No buyer's personal data is read here.
 */
@Injectable()
export class UptakeReports {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly rollup: UptakeRollup,
  ) {}

  /** Today in Vietnam by the database's clock (one clock for every replica). */
  private async today(): Promise<string> {
    const [{ today }] = await this.db.query<Array<{ today: string }>>(`SELECT (now() AT TIME ZONE '${TZ}')::date::text AS today`);
    return today;
  }

  /** Validates the query into a period (Vietnam days; default this month to today). */
  async period(query: UptakeQueryDto): Promise<Period> {
    const today = await this.today();
    const from = query.from ?? `${today.slice(0, 8)}01`;
    const to = query.to ?? today;
    const issues: FieldIssue[] = [];
    for (const [field, value] of [
      ['from', from],
      ['to', to],
    ] as const) {
      if (!isCalendarDay(value)) issues.push({ field, key: 'validation.isISO8601' });
    }
    if (issues.length === 0 && from > to) issues.push({ field: 'to', key: 'validation.periodOrder' });
    if (issues.length === 0 && (Date.parse(to) - Date.parse(from)) / 86_400_000 > MAX_PERIOD_DAYS)
      issues.push({ field: 'from', key: 'validation.periodTooLong', params: { days: MAX_PERIOD_DAYS } });
    if (query.wardCode && (await this.db.query(`SELECT 1 FROM wards WHERE code = $1`, [query.wardCode])).length === 0)
      issues.push({ field: 'wardCode', key: 'validation.wardUnknown' });
    if (query.formerDistrictCode && (await this.db.query(`SELECT 1 FROM former_districts WHERE code = $1`, [query.formerDistrictCode])).length === 0) {
      issues.push({ field: 'formerDistrictCode', key: 'validation.formerDistrictUnknown' });
    }
    if (issues.length > 0) throw AppException.validation(issues);
    const next = new Date(Date.parse(`${to}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    return {
      from,
      to,
      wardCode: query.wardCode ?? null,
      formerDistrictCode: query.formerDistrictCode ?? null,
      start: new Date(`${from}T00:00:00+07:00`),
      end: new Date(`${next}T00:00:00+07:00`),
    };
  }

  /**
   * The Ministry of Industry and Trade's e-commerce platform report, from 1 January to `until`
   * (README "Ministry report" defines each figure). The figures the dashboard also shows come from
   * summary() over the same period, so the two never disagree.
   */
  async moitReport(query: MoitReportQueryDto): Promise<MoitReportDto> {
    const today = await this.today();
    const year = query.year ?? Number(today.slice(0, 4));
    const from = `${year}-01-01`;
    const last = `${year}-12-31`;
    if (query.until === undefined && today < from) throw AppException.validation([{ field: 'year', key: 'validation.yearNotStarted', params: { year } }]);
    const until = query.until ?? (today > last ? last : today);
    if (!isCalendarDay(until)) throw AppException.validation([{ field: 'until', key: 'validation.isISO8601' }]);
    if (until < from || until > last) throw AppException.validation([{ field: 'until', key: 'validation.untilInYear', params: { year } }]);
    const period = await this.period({ from, to: until });
    const summary = await this.summary(period);
    // Orders from the rollup (placed, succeeded, failed: see PLACED), like the summary's.
    const counted = rolledUpSales(period, 'month', 3, 'placed, succeeded, failed', 'placed > 0');
    const [row] = await this.db.query<Array<Record<'sellersNew' | 'productsNew' | 'placed' | 'succeeded' | 'failed', number>>>(
      `SELECT (SELECT count(*) FROM (SELECT min(created_at) AS at FROM cooperative_status_changes WHERE to_status = 'approved' GROUP BY cooperative_id) a
                WHERE a.at >= $1 AND a.at < $2)::int AS "sellersNew",
              (SELECT count(*) FROM products WHERE published_at >= $1 AND published_at < $2)::int AS "productsNew",
              coalesce(sum(d.placed), 0)::int AS placed,
              coalesce(sum(d.succeeded), 0)::int AS succeeded,
              coalesce(sum(d.failed), 0)::int AS failed
         FROM (${counted.sql}) d`,
      [period.start, period.end, ...counted.params],
    );
    return {
      year,
      from,
      until,
      soLuongTruyCap: summary.visits,
      soNguoiBan: summary.cooperatives.approved,
      soNguoiBanMoi: row.sellersNew,
      tongSoSanPham: summary.products.active,
      soSanPhamMoi: row.productsNew,
      soLuongGiaoDich: row.placed,
      tongSoDonHangThanhCong: row.succeeded,
      tongSoDonHangKhongThanhCong: row.failed,
      tongGiaTriGiaoDich: summary.orders.gmv,
    };
  }

  async summary(period: Period): Promise<UptakeSummaryDto> {
    await this.rollup.refresh();
    const params = this.params(period);
    const totals = await this.totals(period);
    const sales = await this.salesByChannel(period);
    const listings = await this.db.query<Array<{ channel: string; n: number }>>(
      `WITH ${LOCALITY}
       SELECT 'web' AS channel, count(*)::int AS n FROM variants v JOIN products p ON p.id = v.product_id JOIN cooperatives c ON c.id = v.cooperative_id
         JOIN loc l ON l.cooperative_id = v.cooperative_id WHERE p.status = 'active' AND c.status = 'approved'
       UNION ALL
       SELECT k.platform, count(*)::int FROM channel_listings x JOIN channel_connections k ON k.id = x.connection_id JOIN loc l ON l.cooperative_id = x.cooperative_id
        WHERE x.status = 'synced' AND k.status <> 'disconnected' GROUP BY k.platform`,
      params,
    );
    const channels = this.channelKeys(sales.map((s) => s.channel));
    return {
      period: this.periodView(period),
      cooperatives: {
        registered: totals.registered,
        submitted: totals.submitted,
        approved: totals.approved,
        withActiveProducts: totals.withActiveProducts,
        withExternalChannel: totals.withExternalChannel,
        withSalesInPeriod: totals.withSalesInPeriod,
      },
      products: { active: totals.active, ocop: totals.ocop, ocopOnline: totals.ocopOnline },
      orders: { count: sales.reduce((n, s) => n + s.orders, 0), gmv: sales.reduce((n, s) => n + s.gmv, 0) },
      visits: await this.visits(period),
      byChannel: channels.map(({ channel }) => ({
        channel,
        listings: listings.find((l) => l.channel === channel)?.n ?? 0,
        orders: sales.find((s) => s.channel === channel)?.orders ?? 0,
        gmv: sales.find((s) => s.channel === channel)?.gmv ?? 0,
      })),
    };
  }

  async funnel(period: Period): Promise<FunnelDto> {
    await this.rollup.refresh();
    const steps = ['registered', 'submitted', 'approved', 'first_product', 'first_channel', 'first_order'] as const;
    const column = (step: (typeof steps)[number]) => `${step}_at`;
    const [row] = await this.db.query<Array<Record<string, number | null>>>(
      `WITH ${LOCALITY}
       SELECT ${steps.map((s) => `count(*) FILTER (WHERE m.${column(s)} < $2)::int AS "${s}"`).join(', ')},
              ${steps
                .slice(1)
                .map(
                  (s, i) =>
                    `percentile_cont(0.5) WITHIN GROUP (ORDER BY greatest(0, extract(epoch FROM m.${column(s)} - m.${column(steps[i])}) / 86400))
                       FILTER (WHERE m.${column(s)} < $2 AND m.${column(steps[i])} < $2) AS "${s}_days"`,
                )
                .join(', ')}
         FROM cooperative_milestones m JOIN loc l ON l.cooperative_id = m.cooperative_id`,
      this.params(period),
    );
    return {
      period: this.periodView(period),
      steps: steps.map((step, i) => {
        const count = Number(row[step]);
        const previous = i > 0 ? Number(row[steps[i - 1]]) : null;
        const days = i > 0 ? row[`${step}_days`] : null;
        return {
          step,
          count,
          conversion: previous ? round(count / previous, 4) : null,
          medianDays: days === null || days === undefined ? null : round(Number(days), 1),
        };
      }),
    };
  }

  async timeseries(period: Period, query: TimeseriesQueryDto): Promise<TimeseriesDto> {
    await this.rollup.refresh();
    const interval = query.interval ?? 'month';
    const by = query.by ?? null;
    const allowed: Record<TimeseriesQueryDto['metric'], Array<string | null>> = {
      gmv: [null, 'channel', 'former_district', 'category'],
      orders: [null, 'channel', 'former_district', 'category'],
      active_products: [null, 'channel', 'former_district', 'category'],
      onboarded_cooperatives: [null, 'channel', 'former_district'],
    };
    if (!allowed[query.metric].includes(by))
      throw AppException.validation([
        { field: 'by', key: 'validation.breakdownNotFor', params: { metric: query.metric, allowed: allowed[query.metric].filter(Boolean).join(', ') } },
      ]);
    const buckets = bucketStarts(period.from, period.to, interval);
    const bucket = (expr: string) => `date_trunc('${interval}', ${expr})::date::text`;
    const params = [...this.params(period), buckets];
    let rows: Array<{ bucket: string; key: string; value: string | number }>;
    if (query.metric === 'gmv' || query.metric === 'orders') {
      const value = query.metric === 'gmv' ? 'sum(d.gmv)' : 'sum(d.orders)';
      if (by === 'category') {
        rows = await this.db.query(
          `WITH ${LOCALITY}
           SELECT ${bucket(`(o.created_at AT TIME ZONE '${TZ}')`)} AS bucket, coalesce(cat.parent_id, cat.id) AS key,
                  ${query.metric === 'gmv' ? 'sum(ol.line_total)' : 'count(DISTINCT o.id)'} AS value
             FROM orders o JOIN loc l ON l.cooperative_id = o.cooperative_id JOIN order_lines ol ON ol.order_id = o.id
             JOIN products p ON p.id = ol.product_id JOIN categories cat ON cat.id = p.category_id
            WHERE o.created_at >= $1 AND o.created_at < $2 AND o.${COUNTED}
            GROUP BY 1, 2`,
          params.slice(0, 6),
        );
      } else {
        const key = by === 'channel' ? 'd.channel' : by === 'former_district' ? 'l.former_district_code' : `'all'`;
        // Each piece of the rollup lies inside one bucket: summed per cooperative first, then joined to its locality.
        const sold = rolledUpSales(period, interval, 7);
        rows = await this.db.query(
          `WITH ${LOCALITY}
           SELECT ${bucket('d.start')} AS bucket, ${key} AS key, ${value} AS value
             FROM (${sold.sql}) d JOIN loc l ON l.cooperative_id = d.cooperative_id
            GROUP BY 1, 2`,
          [...params.slice(0, 6), ...sold.params],
        );
      }
    } else if (query.metric === 'active_products') {
      // Products on sale at each bucket's end: published by then and still on sale (archiving keeps no date).
      // By channel, a marketplace's are the products with a listing synced there now and created by then.
      const key =
        by === 'category'
          ? 'coalesce(cat.parent_id, cat.id)'
          : by === 'former_district'
            ? 'l.former_district_code'
            : by === 'channel'
              ? `'${WEB.channel}'`
              : `'all'`;
      const listed = `UNION ALL
         SELECT e.bucket::text, k.platform, count(DISTINCT x.product_id)
           FROM ends e JOIN channel_listings x ON x.created_at < e.bucket_end AND x.status = 'synced'
           JOIN channel_connections k ON k.id = x.connection_id AND k.status <> 'disconnected' JOIN loc l ON l.cooperative_id = x.cooperative_id
          GROUP BY 1, 2`;
      rows = await this.db.query(
        `WITH ${LOCALITY}, ${bucketEnds(interval)}
         SELECT e.bucket::text AS bucket, ${key} AS key, count(p.id) AS value
           FROM ends e JOIN products p ON p.published_at < e.bucket_end AND p.status = 'active'
           JOIN cooperatives c ON c.id = p.cooperative_id AND c.status = 'approved' JOIN loc l ON l.cooperative_id = p.cooperative_id
           JOIN categories cat ON cat.id = p.category_id
          GROUP BY 1, 2
         ${by === 'channel' ? listed : ''}`,
        params,
      );
    } else {
      // Approved by each bucket's end; by channel, a marketplace's or feed's are the cooperatives connected to it then.
      const key = by === 'former_district' ? 'l.former_district_code' : by === 'channel' ? `'${WEB.channel}'` : `'all'`;
      const connected = `UNION ALL
         SELECT e.bucket::text, k.platform, count(DISTINCT k.cooperative_id)
           FROM ends e JOIN channel_connections k ON k.created_at < e.bucket_end AND (k.disconnected_at IS NULL OR k.disconnected_at >= e.bucket_end)
           JOIN loc l ON l.cooperative_id = k.cooperative_id
          GROUP BY 1, 2`;
      rows = await this.db.query(
        `WITH ${LOCALITY}, ${bucketEnds(interval)}
         SELECT e.bucket::text AS bucket, ${key} AS key, count(m.cooperative_id) AS value
           FROM ends e JOIN cooperative_milestones m ON m.approved_at < e.bucket_end JOIN loc l ON l.cooperative_id = m.cooperative_id
          GROUP BY 1, 2
         ${by === 'channel' ? connected : ''}`,
        params,
      );
    }
    const series = await this.seriesKeys(
      by,
      period,
      rows.map((r) => r.key),
    );
    return {
      period: this.periodView(period),
      metric: query.metric,
      interval,
      by,
      buckets,
      series: series.map(({ key, name }) => ({ key, name, values: buckets.map((b) => Number(rows.find((r) => r.bucket === b && r.key === key)?.value ?? 0)) })),
    };
  }

  async localities(period: Period): Promise<LocalitiesDto> {
    await this.rollup.refresh();
    const sold = rolledUpSales(period, 'month', 7);
    const facts = factsWith(sold.sql);
    const aggregate = `count(f.cooperative_id) FILTER (WHERE f.registered)::int AS cooperatives,
                       count(f.cooperative_id) FILTER (WHERE f.approved)::int AS approved,
                       count(f.cooperative_id) FILTER (WHERE f.on_sale > 0)::int AS online,
                       coalesce(sum(f.on_sale), 0)::int AS "activeProducts",
                       coalesce(sum(f.ocop_on_sale), 0)::int AS "ocopOnline",
                       coalesce(sum(f.ocop), 0)::int AS "ocopTotal",
                       coalesce(sum(f.gmv), 0)::bigint AS gmv`;
    const params = [...this.params(period), ...sold.params];
    const districts = await this.db.query<Array<Record<string, string | number>>>(
      `WITH ${facts} SELECT fd.code, fd.name, ${aggregate} FROM former_districts fd LEFT JOIN facts f ON f.former_district_code = fd.code
        WHERE ($4::text IS NULL OR fd.code = $4) AND ($3::text IS NULL OR EXISTS (SELECT 1 FROM wards w WHERE w.code = $3 AND fd.code = ANY(w.former_district_codes)))
        GROUP BY fd.code, fd.name`,
      params,
    );
    const wards = await this.db.query<Array<Record<string, string | number>>>(
      `WITH ${facts} SELECT w.code, w.name, ${aggregate} FROM wards w LEFT JOIN facts f ON f.ward_code = w.code
        WHERE ($3::text IS NULL OR w.code = $3) AND ($4::text IS NULL OR $4 = ANY(w.former_district_codes))
          AND (w.former_district_codes <> '{}' OR f.cooperative_id IS NOT NULL)
        GROUP BY w.code, w.name`,
      params,
    );
    return { period: this.periodView(period), formerDistricts: laggingFirst(districts.map(locality)), wards: laggingFirst(wards.map(locality)) };
  }

  async channels(period: Period): Promise<ChannelsUptakeDto> {
    await this.rollup.refresh();
    const params = this.params(period);
    const sales = await this.salesByChannel(period);
    const connections = await this.db.query<Array<{ platform: string; connections: number; cooperatives: number }>>(
      `WITH ${LOCALITY}
       SELECT k.platform, count(*)::int AS connections, count(DISTINCT k.cooperative_id)::int AS cooperatives
         FROM channel_connections k JOIN loc l ON l.cooperative_id = k.cooperative_id
        WHERE k.created_at < $2 AND (k.disconnected_at IS NULL OR k.disconnected_at >= $2) GROUP BY k.platform`,
      params,
    );
    const listings = await this.db.query<Array<{ platform: string; status: string; n: number; products: number }>>(
      `WITH ${LOCALITY}
       SELECT k.platform, x.status, count(*)::int AS n, count(DISTINCT x.product_id)::int AS products FROM channel_listings x JOIN channel_connections k ON k.id = x.connection_id
         JOIN loc l ON l.cooperative_id = x.cooperative_id WHERE k.status <> 'disconnected' GROUP BY 1, 2`,
      params,
    );
    const [web] = await this.db.query<Array<{ n: number }>>(
      `WITH ${LOCALITY}
       SELECT count(*)::int AS n FROM variants v JOIN products p ON p.id = v.product_id
         JOIN cooperatives c ON c.id = v.cooperative_id JOIN loc l ON l.cooperative_id = v.cooperative_id WHERE p.status = 'active' AND c.status = 'approved'`,
      params,
    );
    // The storefront's cooperatives and products on sale are the summary's, by the same definition.
    const totals = await this.totals(period);
    const feeds = CHANNEL_PLATFORMS.filter((p) => p.kind === 'feed').map((p) => ({ channel: p.platform, name: p.name }));
    const unique = [...this.channelKeys(sales.map((s) => s.channel)), ...feeds];
    return {
      period: this.periodView(period),
      channels: unique.map(({ channel, name }) => {
        const isWeb = channel === WEB.channel;
        const own = listings.filter((l) => l.platform === channel);
        return {
          channel,
          name,
          cooperatives: isWeb ? totals.withActiveProducts : (connections.find((c) => c.platform === channel)?.cooperatives ?? 0),
          connections: isWeb ? 0 : (connections.find((c) => c.platform === channel)?.connections ?? 0),
          products: isWeb ? totals.active : (own.find((l) => l.status === 'synced')?.products ?? 0),
          listings: isWeb
            ? { synced: web.n }
            : Object.fromEntries(['pending', 'synced', 'failed', 'delisted'].map((s) => [s, own.find((l) => l.status === s)?.n ?? 0])),
          orders: sales.find((s) => s.channel === channel)?.orders ?? 0,
          gmv: sales.find((s) => s.channel === channel)?.gmv ?? 0,
        };
      }),
    };
  }

  async syncHealth(period: Period): Promise<SyncHealthDto> {
    const params = this.params(period);
    const totals = await this.db.query<Array<{ platform: string; listings: number; failed: number; dead: number }>>(
      `WITH ${LOCALITY}
       SELECT k.platform, count(*)::int AS listings, count(*) FILTER (WHERE x.status = 'failed')::int AS failed,
              count(*) FILTER (WHERE x.dead_lettered_at IS NOT NULL)::int AS dead
         FROM channel_listings x JOIN channel_connections k ON k.id = x.connection_id JOIN loc l ON l.cooperative_id = x.cooperative_id
        WHERE k.status <> 'disconnected' GROUP BY k.platform`,
      params,
    );
    const errors = await this.db.query<Array<{ platform: string; code: string | null; message: string | null; n: number }>>(
      `WITH ${LOCALITY}
       SELECT platform, code, message, n FROM (
         SELECT k.platform, x.last_error_code AS code, x.last_error AS message, count(*)::int AS n,
                row_number() OVER (PARTITION BY k.platform ORDER BY count(*) DESC, x.last_error_code, x.last_error) AS rank
           FROM channel_listings x JOIN channel_connections k ON k.id = x.connection_id JOIN loc l ON l.cooperative_id = x.cooperative_id
          WHERE x.status = 'failed' AND x.updated_at >= $1 AND x.updated_at < $2 GROUP BY 1, 2, 3) ranked
        WHERE rank <= ${TOP_ERRORS} ORDER BY platform, n DESC, code, message`,
      params,
    );
    const platforms = CHANNEL_PLATFORMS.filter((p) => p.kind === 'api').map((p) => p.platform);
    const topErrors = errors
      .filter((e) => platforms.includes(e.platform))
      .map((e) => ({ platform: e.platform, code: e.code, message: e.message ?? '', count: e.n }));
    return {
      period: this.periodView(period),
      platforms: platforms.map((platform) => {
        const t = totals.find((x) => x.platform === platform) ?? { listings: 0, failed: 0, dead: 0 };
        return {
          platform,
          listings: t.listings,
          failed: t.failed,
          failureRate: t.listings ? round(t.failed / t.listings, 4) : 0,
          deadLettered: t.dead,
          topErrors: topErrors
            .filter((e) => e.platform === platform)
            .map((e) => ({ message: [e.code, e.message].filter(Boolean).join(': '), listings: e.count })),
        };
      }),
      topErrors,
    };
  }

  /** The locality's cooperatives and products at the end of the period, and its sellers in the period (factsWith() summed). */
  private async totals(period: Period): Promise<Totals> {
    const sold = rolledUpSales(period, 'month', 7);
    const [row] = await this.db.query<Array<Record<string, number>>>(
      `WITH ${factsWith(sold.sql)}
       SELECT count(*) FILTER (WHERE registered)::int AS registered,
              count(*) FILTER (WHERE submitted)::int AS submitted,
              count(*) FILTER (WHERE approved)::int AS approved,
              count(*) FILTER (WHERE on_sale > 0)::int AS "withActiveProducts",
              count(*) FILTER (WHERE external_channel)::int AS "withExternalChannel",
              count(*) FILTER (WHERE has_sales)::int AS "withSalesInPeriod",
              coalesce(sum(on_sale), 0)::int AS active,
              coalesce(sum(ocop), 0)::int AS ocop,
              coalesce(sum(ocop_on_sale), 0)::int AS "ocopOnline"
         FROM facts`,
      [...this.params(period), ...sold.params],
    );
    return row as Totals;
  }

  /** Storefront visits in the period, province-wide (a visit has no locality). */
  private async visits(period: Period): Promise<number> {
    const [row] = await this.db.query<Array<{ n: string }>>(
      `SELECT coalesce(sum(visits), 0) AS n FROM storefront_visit_days WHERE day BETWEEN $1::date AND $2::date`,
      [period.from, period.to],
    );
    return Number(row.n);
  }

  private async salesByChannel(period: Period): Promise<Array<{ channel: string; orders: number; gmv: number }>> {
    const sold = rolledUpSales(period, 'month', 7);
    const rows = await this.db.query<Array<{ channel: string; orders: string; gmv: string }>>(
      `WITH ${LOCALITY}
       SELECT d.channel, sum(d.orders) AS orders, sum(d.gmv) AS gmv FROM (${sold.sql}) d JOIN loc l ON l.cooperative_id = d.cooperative_id
        GROUP BY d.channel`,
      [...this.params(period), ...sold.params],
    );
    return rows.map((r) => ({ channel: r.channel, orders: Number(r.orders), gmv: Number(r.gmv) }));
  }

  /** The storefront, every marketplace we know, and any other channel present in the figures (a feed, a platform since removed). */
  private channelKeys(withSales: string[]): Array<{ channel: string; name: string }> {
    const known = [WEB, ...CHANNEL_PLATFORMS.filter((p) => p.kind === 'api').map((p) => ({ channel: p.platform, name: p.name }))];
    const nameOf = (channel: string) => CHANNEL_PLATFORMS.find((p) => p.platform === channel)?.name ?? channel;
    return [...known, ...[...new Set(withSales)].filter((c) => !known.some((k) => k.channel === c)).map((channel) => ({ channel, name: nameOf(channel) }))];
  }

  private async seriesKeys(by: string | null, period: Period, present: string[]): Promise<Array<{ key: string; name: string }>> {
    if (by === null) return [{ key: 'all', name: 'Tất cả' }];
    if (by === 'channel') return this.channelKeys(present).map((c) => ({ key: c.channel, name: c.name }));
    if (by === 'former_district') {
      return this.db.query(`SELECT code AS key, name FROM former_districts WHERE $1::text IS NULL OR code = $1 ORDER BY code`, [period.formerDistrictCode]);
    }
    return this.db.query(`SELECT id AS key, name_vi AS name FROM categories WHERE parent_id IS NULL ORDER BY position`);
  }

  private params(period: Period): unknown[] {
    return [period.start, period.end, period.wardCode, period.formerDistrictCode, period.from, period.to];
  }

  private periodView(period: Period): PeriodDto {
    return { from: period.from, to: period.to, wardCode: period.wardCode, formerDistrictCode: period.formerDistrictCode };
  }
}

function locality(row: Record<string, string | number>): LocalityDto {
  const approved = Number(row.approved);
  const online = Number(row.online);
  return {
    code: String(row.code),
    name: String(row.name),
    cooperatives: Number(row.cooperatives),
    approved,
    online,
    onlineShare: approved ? round(online / approved, 4) : null,
    activeProducts: Number(row.activeProducts),
    ocopOnline: Number(row.ocopOnline),
    ocopTotal: Number(row.ocopTotal),
    gmv: Number(row.gmv),
  };
}

/** Lowest share online first (no approved cooperative at all counts as 0), then where most cooperatives wait, then by code. */
function laggingFirst(rows: LocalityDto[]): LocalityDto[] {
  return rows.sort((a, b) => (a.onlineShare ?? 0) - (b.onlineShare ?? 0) || b.cooperatives - a.cooperatives || a.code.localeCompare(b.code));
}

/** A YYYY-MM-DD that names a real day (not 2026-02-30). */
function isCalendarDay(value: string): boolean {
  return !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) === value;
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
