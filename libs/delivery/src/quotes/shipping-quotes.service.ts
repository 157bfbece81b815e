import { createHash } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AdminUnitsService, AppConfig } from '@nongsan/core';
import { deliveryError } from '../delivery.errors.js';
import type { DataSource } from 'typeorm';
import { CarrierAccount } from '../accounts/carrier-account.entity.js';
import { CarrierSecretsStore } from '../accounts/carrier-secrets.js';
import { ROUTE_UNSERVED, type CarrierCode } from '../carriers/carrier-adapter.js';
import { CarrierRegistry } from '../carriers/registry.js';
import { CarrierPlaces, titled } from '../places/carrier-places.service.js';

/** One cooperative's parcel of a checkout, to be priced from its pickup ward to the buyer's. */
export interface ParcelToQuote {
  cooperativeId: string;
  /** For the message when no carrier delivers there ("Đơn của HTX Nhơn Lộc: …"). */
  cooperativeName: string;
  weightGrams: number;
  /** Đồng: the goods' value, declared for insurance. */
  goodsValue: number;
}

export type ParcelQuote =
  /** A carrier's own fee. */
  | { carrier: CarrierCode; fee: number; estimatedDeliveryDate?: string; fallback: false }
  /** No carrier connected: the flat table, as before carriers existed. */
  | { carrier: null; fallback: false }
  /** Every connected carrier failed (down, slow, refusing): the flat table, and the buyer is told. */
  | { carrier: null; fallback: true };

/**
 * Shipping fees at checkout. Each cooperative's parcel is priced with its carriers, the chosen one
 * first: the first fee wins. A route none of them serves is the buyer's to change (a 400 naming
 * that cooperative's order); carriers failing for any other reason leave the flat table to the
 * caller. Fees are kept CARRIER_QUOTE_CACHE_SECONDS for the same route and weight.
 */
@Injectable()
export class ShippingQuotes {
  private readonly logger = new Logger(ShippingQuotes.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly registry: CarrierRegistry,
    private readonly secrets: CarrierSecretsStore,
    private readonly places: CarrierPlaces,
    private readonly config: AppConfig,
    private readonly wards: AdminUnitsService,
  ) {}

  /** Quotes per cooperative id, all parcels at once. */
  async quote(toWardCode: string, parcels: ParcelToQuote[]): Promise<Map<string, ParcelQuote>> {
    const quotes = await Promise.all(parcels.map(async (p) => [p.cooperativeId, await this.quoteOne(toWardCode, p)] as const));
    return new Map(quotes);
  }

  private async quoteOne(toWardCode: string, parcel: ParcelToQuote): Promise<ParcelQuote> {
    const accounts = await this.db
      .getRepository(CarrierAccount)
      .find({ where: { cooperativeId: parcel.cooperativeId }, order: { chosen: 'DESC', updatedAt: 'DESC' } });
    if (accounts.length === 0) return { carrier: null, fallback: false };
    const refusals: Array<{ carrier: string; ward: string; wardCode: string; unmapped: boolean }> = [];
    let failed = false;
    for (const account of accounts) {
      const adapter = this.registry.adapter(account.carrier);
      const cacheKey = createHash('sha256')
        .update([account.id, account.pickupWardCode, toWardCode, parcel.weightGrams, parcel.goodsValue].join('|'))
        .digest('hex');
      const cached = await this.cached(cacheKey);
      if (cached) return { carrier: account.carrier, ...cached, fallback: false };
      const opened = await this.secrets.open(account.id);
      if (!opened) continue;
      const [from, to] = await Promise.all([
        this.places.place(account.carrier, account.pickupWardCode, opened.credentials),
        this.places.place(account.carrier, toWardCode, opened.credentials),
      ]);
      if (!to.ok && to.unmappable) {
        refusals.push({ carrier: adapter.info.name, ward: to.wardName, wardCode: toWardCode, unmapped: true });
        continue;
      }
      if (!from.ok || !to.ok) {
        failed = true;
        continue;
      }
      const quoted = await adapter.quote(opened.credentials, {
        from: from.place,
        to: to.place,
        weightGrams: parcel.weightGrams,
        insuredValue: parcel.goodsValue,
      });
      if (quoted.ok) {
        await this.keep(cacheKey, quoted.value.fee, quoted.value.estimatedDeliveryDate);
        return {
          carrier: account.carrier,
          fee: quoted.value.fee,
          ...(quoted.value.estimatedDeliveryDate ? { estimatedDeliveryDate: quoted.value.estimatedDeliveryDate } : {}),
          fallback: false,
        };
      }
      if (!quoted.retryable && quoted.code === ROUTE_UNSERVED) {
        // Named as the buyer knows it (the ward they chose), not as the carrier's old list has it.
        const ward = await this.wards.findWard(toWardCode);
        refusals.push({ carrier: adapter.info.name, ward: ward ? titled(ward.type, ward.name) : toWardCode, wardCode: toWardCode, unmapped: false });
        continue;
      }
      this.logger.warn(
        { carrier: account.carrier, cooperativeId: parcel.cooperativeId, code: quoted.code },
        'carrier fee failed; trying the next carrier or the flat table',
      );
      failed = true;
    }
    if (failed || refusals.length === 0) return { carrier: null, fallback: true };
    const refusal = refusals[0];
    throw deliveryError('CARRIER_ROUTE_UNSERVED', {
      params: { carrier: refusal.carrier },
      details: [
        {
          field: 'shippingAddress.wardCode',
          key: refusal.unmapped ? 'validation.orderWardUnmapped' : 'validation.orderRouteUnserved',
          params: { cooperative: parcel.cooperativeName, carrier: refusal.carrier, ward: refusal.ward, wardCode: refusal.wardCode },
        },
      ],
    });
  }

  private async cached(key: string): Promise<{ fee: number; estimatedDeliveryDate?: string } | null> {
    const [row] = await this.db.query<Array<{ fee: string; estimated: string | null }>>(
      `SELECT fee, estimated_delivery_date::text AS estimated FROM carrier_quotes WHERE key = $1 AND expires_at > now()`,
      [key],
    );
    return row ? { fee: Number(row.fee), ...(row.estimated ? { estimatedDeliveryDate: row.estimated } : {}) } : null;
  }

  private async keep(key: string, fee: number, estimatedDeliveryDate: string | undefined): Promise<void> {
    const seconds = this.config.delivery.quoteCacheSeconds;
    if (seconds === 0) return;
    await this.db.query(
      `INSERT INTO carrier_quotes (key, fee, estimated_delivery_date, expires_at) VALUES ($1, $2, $3, now() + make_interval(secs => $4))
       ON CONFLICT (key) DO UPDATE SET fee = EXCLUDED.fee, estimated_delivery_date = EXCLUDED.estimated_delivery_date, expires_at = EXCLUDED.expires_at`,
      [key, fee, estimatedDeliveryDate ?? null, seconds],
    );
    // Old quotes go as new ones come: a handful of rows per route, no sweeper needed.
    await this.db.query(`DELETE FROM carrier_quotes WHERE expires_at < now() - interval '1 hour'`);
  }
}
