import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { StockService, type SellableVariant } from '@nongsan/catalog';
import { AppConfig, AppException, canonicalJson, QueueService, toE164VietnamesePhone, type AuthUser, type FieldIssue } from '@nongsan/core';
import type { DataSource, EntityManager } from 'typeorm';
import { ORDER_CHANGED, type OrderChangedEvent } from '../orders/order-events.js';
import { Checkout, Order, OrderLine, OrderStatusChange, Payment, StockReservation, type ShippingAddress } from '../orders/order.entities.js';
import { OrderViews } from '../orders/order-views.js';
import { PaymentProviders } from '../payments/payment-providers.js';
import type { CheckoutDto, CheckoutInput } from './checkout.dto.js';

/** Crockford base32 without look-alikes: references are read aloud and typed into banking apps. */
const REFERENCE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * One checkout across cooperatives (DESIGN §6 Order). Everything happens in one transaction:
 * prices come from the catalog now, stock is taken for every line or for none, one order per
 * cooperative with its own shipping fee, the payment and the events. The Idempotency-Key makes a
 * retried request (a flaky phone connection) return the checkout it already made.
 */
@Injectable()
export class CheckoutService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly stock: StockService,
    private readonly providers: PaymentProviders,
    private readonly views: OrderViews,
    private readonly queue: QueueService,
    private readonly config: AppConfig,
  ) {}

  async checkout(buyer: AuthUser, idempotencyKey: string, input: CheckoutInput): Promise<CheckoutDto> {
    const provider = this.providers.offered(input.paymentMethod);
    const requestHash = createHash('sha256').update(canonicalJson(input)).digest('hex');
    const id = await this.db.transaction(async (manager) => {
      // Requests with one key queue here, so five concurrent retries make one checkout.
      await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`checkout:${buyer.id}:${idempotencyKey}`]);
      const previous = await manager.getRepository(Checkout).findOneBy({ buyerId: buyer.id, idempotencyKey });
      if (previous) {
        if (previous.requestHash !== requestHash) throw new AppException('IDEMPOTENCY_KEY_REUSED', 422, {}, [{ field: 'Idempotency-Key', key: 'errors.IDEMPOTENCY_KEY_REUSED' }]);
        return previous.id;
      }
      const variants = await this.stock.describe(manager, input.items.map((i) => i.variantId));
      this.validateItems(input, variants);
      const short = await this.stock.take(manager, input.items);
      if (short.length > 0) {
        throw AppException.conflict(
          'STOCK_INSUFFICIENT',
          short.map((s) => {
            const index = input.items.findIndex((i) => i.variantId === s.variantId);
            return { field: `items[${index}].quantity`, key: 'validation.stockShort', params: { name: variants.get(s.variantId)!.productName, available: s.available } };
          }),
        );
      }
      return this.record(manager, buyer, idempotencyKey, requestHash, input, variants, provider);
    });
    await this.setUpPayment(id, provider);
    return this.views.checkout(id);
  }

  /** The provider's outside part (Stripe's intent), once per checkout; a retry resumes it. */
  private async setUpPayment(checkoutId: string, provider: ReturnType<PaymentProviders['offered']>): Promise<void> {
    if (!provider.setUp) return;
    const payment = await this.db.getRepository(Payment).findOneByOrFail({ checkoutId });
    if (payment.providerReference) return;
    const setup = await provider.setUp({ checkoutId, amount: payment.amount });
    await this.db.getRepository(Payment).update({ id: payment.id }, { providerReference: setup.providerReference, clientSecret: setup.clientSecret });
  }

  private validateItems(input: CheckoutInput, variants: Map<string, SellableVariant>): void {
    const issues: FieldIssue[] = [];
    const seen = new Set<string>();
    input.items.forEach((item, i) => {
      if (seen.has(item.variantId)) issues.push({ field: `items[${i}].variantId`, key: 'validation.itemRepeated' });
      seen.add(item.variantId);
      if (!variants.get(item.variantId)?.sellable) issues.push({ field: `items[${i}].variantId`, key: 'validation.variantUnavailable' });
      if (item.quantity > this.config.orders.maxQuantityPerLine) issues.push({ field: `items[${i}].quantity`, key: 'validation.max', params: { max: this.config.orders.maxQuantityPerLine } });
    });
    if (issues.length > 0) throw AppException.validation(issues);
  }

  private async record(
    manager: EntityManager,
    buyer: AuthUser,
    idempotencyKey: string,
    requestHash: string,
    input: CheckoutInput,
    variants: Map<string, SellableVariant>,
    provider: ReturnType<PaymentProviders['offered']>,
  ): Promise<string> {
    // One parcel per cooperative, in the order the buyer added them.
    const parcels = new Map<string, Array<{ variant: SellableVariant; quantity: number }>>();
    for (const item of input.items) {
      const variant = variants.get(item.variantId)!;
      parcels.set(variant.cooperativeId, [...(parcels.get(variant.cooperativeId) ?? []), { variant, quantity: item.quantity }]);
    }
    const priced = [...parcels].map(([cooperativeId, lines]) => {
      const itemsTotal = lines.reduce((sum, l) => sum + l.variant.price * l.quantity, 0);
      const weightGrams = lines.reduce((sum, l) => sum + l.variant.weightGrams * l.quantity, 0);
      return { cooperativeId, lines, itemsTotal, weightGrams, shippingFee: shippingFee(weightGrams, this.config.shipping) };
    });
    const itemsTotal = priced.reduce((sum, p) => sum + p.itemsTotal, 0);
    const shippingTotal = priced.reduce((sum, p) => sum + p.shippingFee, 0);
    const address: ShippingAddress = { ...input.shippingAddress, phone: toE164VietnamesePhone(input.shippingAddress.phone)! };

    const checkout = await manager.getRepository(Checkout).save({
      buyerId: buyer.id,
      idempotencyKey,
      requestHash,
      paymentMethod: provider.method,
      paymentReference: newReference(),
      shippingAddress: address,
      itemsTotal,
      shippingTotal,
      total: itemsTotal + shippingTotal,
    });
    const paymentDueAt = provider.expires ? new Date(Date.now() + this.config.orders.unpaidExpiryMinutes * 60_000) : null;
    for (const [position, parcel] of priced.entries()) {
      const order = await manager.getRepository(Order).save({
        checkoutId: checkout.id,
        cooperativeId: parcel.cooperativeId,
        buyerId: buyer.id,
        channel: 'web',
        externalReference: null,
        externalBuyerName: null,
        status: provider.initialStatus,
        itemsTotal: parcel.itemsTotal,
        shippingFee: parcel.shippingFee,
        total: parcel.itemsTotal + parcel.shippingFee,
        weightGrams: parcel.weightGrams,
        carrier: null,
        trackingNumber: null,
        cancelReason: null,
        paymentDueAt,
        position,
      });
      await manager.getRepository(OrderLine).insert(
        parcel.lines.map(({ variant, quantity }, position) => ({
          orderId: order.id,
          variantId: variant.variantId,
          productId: variant.productId,
          productName: variant.productName,
          variantName: variant.variantName,
          sku: variant.sku,
          unitPrice: variant.price,
          quantity,
          lineTotal: variant.price * quantity,
          position,
        })),
      );
      await manager.getRepository(StockReservation).insert(parcel.lines.map(({ variant, quantity }) => ({ orderId: order.id, variantId: variant.variantId, quantity, status: 'held' as const })));
      await manager.getRepository(OrderStatusChange).insert({ orderId: order.id, fromStatus: null, toStatus: provider.initialStatus, actorUserId: buyer.id });
      const event: OrderChangedEvent = { orderId: order.id, cooperativeId: parcel.cooperativeId, status: provider.initialStatus, at: new Date().toISOString() };
      await this.queue.publish(ORDER_CHANGED, event, { manager });
    }
    await manager.getRepository(Payment).insert({ checkoutId: checkout.id, provider: provider.method, amount: checkout.total, status: 'pending', needsRefund: false });
    return checkout.id;
  }
}

/** The flat fee of the first weight band that fits, or the last band plus each started extra kilogram. */
export function shippingFee(weightGrams: number, shipping: AppConfig['shipping']): number {
  const band = shipping.bands.find((b) => weightGrams <= b.maxGrams);
  if (band) return band.fee;
  const last = shipping.bands[shipping.bands.length - 1];
  return last.fee + Math.ceil((weightGrams - last.maxGrams) / 1000) * shipping.extraPerKg;
}

function newReference(): string {
  return `NS${[...randomBytes(8)].map((b) => REFERENCE_ALPHABET[b % 32]).join('')}`;
}
