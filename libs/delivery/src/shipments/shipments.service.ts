import { timingSafeEqual } from 'node:crypto';
import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AppConfig, AppException, currentStatus, QueueService, type AuthUser } from '@nongsan/core';
import { deliveryError } from '../delivery.errors.js';
import { CooperativeAccess } from '@nongsan/seller';
import { In, type DataSource, type EntityManager } from 'typeorm';
import { CarrierAccount } from '../accounts/carrier-account.entity.js';
import { CarrierSecretsStore } from '../accounts/carrier-secrets.js';
import type { CarrierStatusUpdate, ShipmentStatus, WebhookDelivery } from '../carriers/carrier-adapter.js';
import { CarrierRegistry } from '../carriers/registry.js';
import { CarrierPlaces } from '../places/carrier-places.service.js';
import { Shipment, type ShipmentState } from './shipment.entity.js';
import { ShipmentOrdersLink } from './shipment-orders.js';

export const BOOK_QUEUE = 'delivery.shipment.book';

/** How far along a parcel is: a push that is not further along than what we know changes nothing. */
const PROGRESS: Record<ShipmentState, number> = { booking: 0, failed: 0, booked: 1, shipped: 2, returning: 3, delivered: 4, returned: 4, cancelled: 4 };
const FINAL: ShipmentState[] = ['delivered', 'returned', 'cancelled'];
/** A parcel the carrier has not picked up yet (or may be taking right now): cancelling the order cancels it first. */
const BEFORE_PICKUP: ShipmentState[] = ['booking', 'booked'];

export interface ShipmentView {
  carrier: string;
  trackingNumber: string | null;
  fee: number | null;
  /** Our address for the printable label (sellers only); null until the carrier has the parcel. */
  labelUrl: string | null;
  status: ShipmentState;
  estimatedDeliveryDate: string | null;
  /** Whether the cash the carrier reported matches what the order is owed; null until it reports. */
  codMatches: boolean | null;
}

/**
 * Shipments: booked with the carrier by a queued job when an order is confirmed (retried while the
 * carrier is down; one per order, and the carrier refuses a second booking under the same client
 * order code), then moved by the carrier's status pushes — each stored once, applied only when
 * further along, so replays and late arrivals change nothing.
 */
@Injectable()
export class ShipmentsService implements OnModuleInit {
  private readonly logger = new Logger(ShipmentsService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly registry: CarrierRegistry,
    private readonly secrets: CarrierSecretsStore,
    private readonly places: CarrierPlaces,
    private readonly queue: QueueService,
    private readonly link: ShipmentOrdersLink,
    private readonly access: CooperativeAccess,
    config: AppConfig,
  ) {
    // A booking makes at most two calls (create, then the lookup by our code); past three timeouts its caller is gone.
    this.callLeaseMs = 3 * config.delivery.requestTimeoutMs;
  }

  /** How long a call to the carrier about one parcel keeps others (booking, cancelling) from calling about it. */
  private readonly callLeaseMs: number;

  async onModuleInit(): Promise<void> {
    await this.queue.defineQueue(BOOK_QUEUE, { notify: true, retryLimit: 8, retryDelay: 2, retryBackoff: true, retryDelayMax: 600 });
    this.queue.work<{ shipmentId: string }>(BOOK_QUEUE, (job) => this.book(job.shipmentId));
  }

  /**
   * In the caller's transaction (the order's confirmation): the order's shipment with the
   * cooperative's chosen carrier, booked by a job committed with it. False when the cooperative
   * has no carrier; an order that already has one keeps it.
   */
  async requestBooking(orderId: string, cooperativeId: string, codAmount: number, manager: EntityManager): Promise<boolean> {
    const account = await manager.getRepository(CarrierAccount).findOneBy({ cooperativeId, chosen: true });
    if (!account) return false;
    const inserted = await manager.query<Array<{ id: string }>>(
      `INSERT INTO shipments (order_id, cooperative_id, account_id, carrier, client_order_code, status, cod_expected)
       VALUES ($1, $2, $3, $4, $5, 'booking', $6) ON CONFLICT (order_id) DO NOTHING RETURNING id`,
      [orderId, cooperativeId, account.id, account.carrier, orderId, codAmount],
    );
    if (inserted.length > 0) await this.queue.send(BOOK_QUEUE, { shipmentId: inserted[0].id }, { manager, singletonKey: inserted[0].id });
    return true;
  }

  /** The booking job: a carrier that cannot be reached throws (the queue retries); a refusal is recorded on the shipment. */
  async book(shipmentId: string): Promise<void> {
    const shipment = await this.db.getRepository(Shipment).findOneBy({ id: shipmentId });
    if (!shipment || shipment.status !== 'booking') return;
    // A cancellation talking to the carrier about this parcel goes first; the queue tries again after it.
    if (!(await this.takeCall(shipment.id))) throw new Error(`booking ${shipment.id}: another call to ${shipment.carrier} about this parcel is under way`);
    const opened = await this.secrets.open(shipment.accountId);
    const parcel = await this.link.orders.parcel(shipment.orderId, this.db.manager);
    if (!opened || !parcel) return this.fail(shipment, 'the order or the carrier account is gone');
    const adapter = this.registry.adapter(shipment.carrier);
    const [from, to] = await Promise.all([
      this.places.place(shipment.carrier, opened.account.pickupWardCode, opened.credentials),
      this.places.place(shipment.carrier, parcel.recipient.wardCode, opened.credentials),
    ]);
    for (const place of [from, to]) {
      if (place.ok) continue;
      if (place.unmappable) return this.fail(shipment, `${adapter.info.name} has no address for ward ${place.wardName} (${place.wardCode})`);
      return this.retryLater(shipment, place.failure.message);
    }
    if (!from.ok || !to.ok) return;
    const booked = await adapter.createShipment(opened.credentials, {
      clientOrderCode: shipment.clientOrderCode,
      from: from.place,
      pickup: { ...parcel.pickup, addressLine: opened.account.pickupAddressLine },
      to: to.place,
      recipient: parcel.recipient,
      weightGrams: parcel.weightGrams,
      codAmount: parcel.codAmount,
      insuredValue: parcel.goodsValue,
      items: parcel.items,
    });
    if (!booked.ok) return booked.retryable ? this.retryLater(shipment, booked.message) : this.fail(shipment, `${booked.code}: ${booked.message}`);
    await this.db.transaction(async (manager) => {
      // An UPDATE answers [rows, count]: no row means another run booked it first.
      const [updated] = await manager.query<[unknown[], number]>(
        `UPDATE shipments SET tracking_number = $2, fee = COALESCE($3, fee), status = 'booked', status_at = now(), estimated_delivery_date = $4, last_error = NULL, attempts = attempts + 1, carrier_call_at = NULL, updated_at = now()
          WHERE id = $1 AND status = 'booking' RETURNING id`,
        [shipment.id, booked.value.trackingNumber, booked.value.fee ?? null, booked.value.estimatedDeliveryDate ?? null],
      );
      if (updated.length === 0) return;
      await this.link.orders.booked(shipment.orderId, { carrier: adapter.info.name, trackingNumber: booked.value.trackingNumber }, manager);
    });
  }

  private async retryLater(shipment: Shipment, message: string): Promise<void> {
    await this.db.query(`UPDATE shipments SET attempts = attempts + 1, last_error = $2, carrier_call_at = NULL, updated_at = now() WHERE id = $1`, [
      shipment.id,
      message,
    ]);
    throw new Error(`booking ${shipment.id} with ${shipment.carrier}: ${message}`);
  }

  private async fail(shipment: Shipment, message: string): Promise<void> {
    this.logger.warn({ shipmentId: shipment.id, carrier: shipment.carrier, message }, 'carrier refused the booking');
    await this.db.query(
      `UPDATE shipments SET status = 'failed', attempts = attempts + 1, last_error = $2, carrier_call_at = NULL, updated_at = now() WHERE id = $1 AND status = 'booking'`,
      [shipment.id, message],
    );
  }

  /**
   * Before an order is cancelled (outside its transaction): its parcel, if the carrier may have it,
   * is cancelled at the carrier first, so no cancelled order ever leaves a parcel on its way. The
   * order must not be cancelled when this throws: SHIPMENT_CANCEL_REFUSED (the carrier keeps the
   * parcel, already picked up), CARRIER_UNREACHABLE (try again; nothing changed), SHIPMENT_BUSY
   * (a booking is talking to the carrier right now). A carrier that is down is not queued around:
   * only its answer says whether the parcel can still be stopped.
   */
  async cancelBeforePickup(orderId: string): Promise<void> {
    const shipment = await this.db.getRepository(Shipment).findOneBy({ orderId });
    if (!shipment || !BEFORE_PICKUP.includes(shipment.status)) return;
    const carrier = this.registry.adapter(shipment.carrier).info.name;
    if (!(await this.takeCall(shipment.id, BEFORE_PICKUP))) {
      const now = await this.db.getRepository(Shipment).findOneBy({ id: shipment.id });
      if (now && BEFORE_PICKUP.includes(now.status)) throw deliveryError('SHIPMENT_BUSY', { params: { carrier } });
      return;
    }
    try {
      const trackingNumber = await this.cancelAtCarrier(await this.db.getRepository(Shipment).findOneByOrFail({ id: shipment.id }));
      await this.db.query(
        `UPDATE shipments SET status = 'cancelled', status_at = now(), tracking_number = COALESCE($2, tracking_number), last_error = NULL, updated_at = now() WHERE id = $1`,
        [shipment.id, trackingNumber],
      );
    } finally {
      await this.db.query(`UPDATE shipments SET carrier_call_at = NULL WHERE id = $1`, [shipment.id]);
    }
  }

  /** Cancels the parcel at its carrier; answers the tracking number it had there (null when the carrier never took it). */
  private async cancelAtCarrier(shipment: Shipment): Promise<string | null> {
    const adapter = this.registry.adapter(shipment.carrier);
    const carrier = adapter.info.name;
    // Still being booked and never tried: nothing reached the carrier, and the lease keeps the booking job away.
    if (!shipment.trackingNumber && shipment.attempts === 0) return null;
    const opened = await this.secrets.open(shipment.accountId);
    if (!opened) throw AppException.notFound('carrierAccount');
    let trackingNumber = shipment.trackingNumber;
    if (!trackingNumber) {
      // An earlier attempt may have reached the carrier with its answer lost: ask for a booking under our code.
      const found = await adapter.find(opened.credentials, shipment.clientOrderCode);
      if (!found.ok) throw deliveryError('CARRIER_UNREACHABLE', { params: { carrier } });
      if (!found.value) return null;
      trackingNumber = found.value.trackingNumber;
    }
    const cancelled = await adapter.cancel(opened.credentials, trackingNumber);
    if (cancelled.ok) return trackingNumber;
    if (cancelled.retryable) throw deliveryError('CARRIER_UNREACHABLE', { params: { carrier } });
    this.logger.warn({ shipmentId: shipment.id, carrier: shipment.carrier, code: cancelled.code }, 'carrier refused to cancel the parcel');
    throw deliveryError('SHIPMENT_CANCEL_REFUSED', { params: { carrier, trackingNumber, reason: cancelled.message || cancelled.code } });
  }

  /** Takes the parcel's call lease when no other call about it is under way (or the last one's caller is gone). */
  private async takeCall(shipmentId: string, states: ShipmentState[] = ['booking']): Promise<boolean> {
    const [taken] = await this.db.query<[unknown[], number]>(
      `UPDATE shipments SET carrier_call_at = now() WHERE id = $1 AND status = ANY($2)
          AND (carrier_call_at IS NULL OR carrier_call_at < now() - $3 * interval '1 millisecond') RETURNING id`,
      [shipmentId, states, this.callLeaseMs],
    );
    return taken.length > 0;
  }

  /**
   * A carrier's status push to `/carrier-webhooks/:carrier/:accountId?hash=`: the secret in the
   * address must be the account's (401 otherwise, nothing done). A push about a parcel we do not
   * know is acknowledged and ignored, so the carrier stops resending it.
   */
  async receive(carrier: string, accountId: string, hash: string | undefined, delivery: WebhookDelivery): Promise<void> {
    const opened = this.registry.has(carrier) ? await this.secrets.open(accountId) : null;
    if (!opened || opened.account.carrier !== carrier) throw AppException.notFound('carrierAccount');
    if (!hash || !sameSecret(hash, opened.webhookKey)) throw deliveryError('CARRIER_WEBHOOK_REFUSED');
    const update = this.registry.adapter(carrier).readWebhook(delivery);
    if (!update) throw AppException.validation([{ field: 'body', key: 'validation.carrierWebhookUnreadable' }]);
    await this.db.transaction((manager) => this.apply(accountId, update, manager));
  }

  private async apply(accountId: string, update: CarrierStatusUpdate, manager: EntityManager): Promise<void> {
    const shipment = await manager
      .getRepository(Shipment)
      .findOne({ where: { accountId, trackingNumber: update.trackingNumber }, lock: { mode: 'pessimistic_write' } });
    if (!shipment) return;
    const stored = await manager.query<Array<{ id: string }>>(
      `INSERT INTO shipment_events (shipment_id, carrier_status, status, at, cod_amount) VALUES ($1, $2, $3, $4, $5) ON CONFLICT ON CONSTRAINT shipment_events_once DO NOTHING RETURNING id`,
      [shipment.id, update.carrierStatus, update.status, update.at, update.codAmount ?? null],
    );
    if (stored.length === 0) return;
    if (update.status === 'returned' && advances(shipment.status, 'returned')) {
      // Nothing is collected on a parcel that came back: its push restates the COD it was to collect, not cash the carrier holds.
      shipment.codExpected = 0;
      shipment.codReported = null;
    } else if (update.codAmount !== undefined && shipment.status !== 'returned') {
      shipment.codReported = update.codAmount;
      if (update.codAmount !== shipment.codExpected)
        this.logger.warn(
          { shipmentId: shipment.id, expected: shipment.codExpected, reported: update.codAmount },
          'carrier reports another COD amount than the order is owed',
        );
    }
    if (update.status && advances(shipment.status, update.status)) {
      shipment.status = update.status;
      shipment.statusAt = update.at;
      // A parcel on its way back was picked up: the order is shipped until it is back.
      const move = update.status === 'returning' ? 'shipped' : update.status;
      if (move === 'shipped' || move === 'delivered' || move === 'returned') await this.link.orders.moved(shipment.orderId, move, manager);
    }
    await manager.getRepository(Shipment).save(shipment);
  }

  /** The shipments of these orders, by order id. */
  async viewsFor(orderIds: string[], manager: EntityManager = this.db.manager): Promise<Map<string, ShipmentView>> {
    if (orderIds.length === 0) return new Map();
    const shipments = await manager.getRepository(Shipment).findBy({ orderId: In(orderIds) });
    return new Map(
      shipments.map((s) => [
        s.orderId,
        {
          carrier: this.registry.adapter(s.carrier).info.name,
          trackingNumber: s.trackingNumber,
          fee: s.fee,
          labelUrl: s.trackingNumber ? `/api/v1/orders/${s.orderId}/shipment/label` : null,
          status: s.status,
          estimatedDeliveryDate: s.estimatedDeliveryDate,
          codMatches: s.codReported === null ? null : s.codReported === s.codExpected,
        },
      ]),
    );
  }

  /**
   * One printable document for these orders' parcels (the cooperative's members only): a carrier
   * page to open (GHN prints many at once) or the PDF itself (GHTK, one parcel per document).
   */
  async labels(user: AuthUser, orderIds: string[], cooperativeId?: string): Promise<{ url: string } | { pdf: Buffer }> {
    const shipments = await this.db.getRepository(Shipment).findBy({ orderId: In(orderIds) });
    const cooperatives = [...new Set(shipments.map((s) => s.cooperativeId))];
    if (cooperatives.length !== 1 || shipments.length !== new Set(orderIds).size || (cooperativeId && cooperatives[0] !== cooperativeId))
      throw AppException.notFound('shipment');
    await this.access.require(user, cooperatives[0], 'member', { notFoundAs: 'shipment' });
    const unbooked = shipments.find((s) => !s.trackingNumber);
    if (unbooked) throw deliveryError('SHIPMENT_NOT_BOOKED', currentStatus(unbooked.status));
    const accounts = [...new Set(shipments.map((s) => s.accountId))];
    if (accounts.length !== 1) throw AppException.validation([{ field: 'orderIds', key: 'validation.labelsOneCarrier' }]);
    const opened = await this.secrets.open(accounts[0]);
    if (!opened) throw AppException.notFound('carrierAccount');
    const adapter = this.registry.adapter(opened.account.carrier);
    const label = await adapter.label(
      opened.credentials,
      shipments.map((s) => s.trackingNumber!),
    );
    if (label.ok) return label.value;
    if (label.retryable) throw deliveryError('CARRIER_UNREACHABLE', { params: { carrier: adapter.info.name } });
    throw AppException.validation([{ field: 'orderIds', key: 'validation.carrierRejected', params: { carrier: adapter.info.name, message: label.message } }]);
  }
}

function advances(current: ShipmentState, next: ShipmentStatus): boolean {
  return !FINAL.includes(current) && PROGRESS[next] > PROGRESS[current];
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
