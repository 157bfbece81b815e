import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { StockService } from '@nongsan/catalog';
import { AppConfig, AppException, canonicalJson, insertMany, toE164VietnamesePhone, translate, type AuthUser, type Locale } from '@nongsan/core';
import { ShippingQuotes, type ParcelQuote } from '@nongsan/delivery';
import type { DataSource, EntityManager } from 'typeorm';
import { orderError } from '../order.errors.js';
import { OrderStatus } from '../orders/order-status.js';
import { Checkout, Payment, type PaymentMethod, type ShippingAddress } from '../orders/order.entities.js';
import { OrderNotices } from '../orders/order-notices.js';
import { OrderViews, shippingNotice, type WrittenOrder } from '../orders/order-views.js';
import { OrderWriter } from '../orders/order-writer.js';
import { PaymentProviders } from '../payments/payment-providers.js';
import { checkCart, orderLineOf, priceCart, shortLines, stockShort, type CartLine, type CartProblem, type PricedCart } from './cart-pricing.js';
import type { CheckoutDto, CheckoutInput, CheckoutQuoteDto, CheckoutQuoteInput } from './checkout.dto.js';

/** What a checkout's transaction wrote, enough to answer without reading it back. */
interface Written {
  checkout: Checkout;
  payment: { provider: PaymentMethod; status: 'pending'; amount: number; clientSecret: null };
  orders: WrittenOrder[];
}

/** An account this young is new: it has not yet shown it takes the parcels it orders. */
const NEW_ACCOUNT_DAYS = 30;
/** A cash-on-delivery order not yet handed over or called off. */
const OPEN_COD_STATES = [OrderStatus.Placed, OrderStatus.Confirmed, OrderStatus.Packed, OrderStatus.Shipped];

/** Crockford base32 without look-alikes: references are read aloud and typed into banking apps. */
const REFERENCE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * One checkout across cooperatives, one order for each. Everything happens in one transaction:
 * prices come from the catalog now, stock is taken for every line or for none, one order per
 * cooperative with its own shipping fee, the payment and the events. The Idempotency-Key makes a
 * retried request (a flaky phone connection) return the checkout it already made.
 */
@Injectable()
export class CheckoutService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly stock: StockService,
    private readonly writer: OrderWriter,
    private readonly providers: PaymentProviders,
    private readonly views: OrderViews,
    private readonly config: AppConfig,
    private readonly notices: OrderNotices,
    private readonly shippingQuotes: ShippingQuotes,
  ) {}

  async checkout(buyer: AuthUser, idempotencyKey: string, input: CheckoutInput, locale: Locale): Promise<CheckoutDto> {
    const provider = this.providers.offered(input.paymentMethod);
    const requestHash = createHash('sha256').update(canonicalJson(input)).digest('hex');
    // Carriers are asked before the transaction: a slow carrier must never hold the stock's row locks.
    const quotes = await this.quoteForCheckout(buyer, idempotencyKey, input);
    const written = await this.db.transaction(async (manager): Promise<{ id: string; rows?: Written }> => {
      // Requests with one key queue here, so five concurrent retries make one checkout.
      await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`checkout:${buyer.id}:${idempotencyKey}`]);
      const [previous] = await manager.query<Array<{ id: string; request_hash: string }>>(
        `SELECT id, request_hash FROM checkouts WHERE buyer_id = $1 AND idempotency_key = $2`,
        [buyer.id, idempotencyKey],
      );
      if (previous) {
        if (previous.request_hash !== requestHash)
          throw orderError('IDEMPOTENCY_KEY_REUSED', { details: [{ field: 'Idempotency-Key', key: 'errors.IDEMPOTENCY_KEY_REUSED' }] });
        return { id: previous.id };
      }
      const variants = await this.stock.describe(
        manager,
        input.items.map((i) => i.variantId),
      );
      const cart = checkCart(input.items, variants, this.config.orders.maxQuantityPerLine);
      if (cart.problems.length > 0) throw AppException.validation(cart.problems);
      if (provider.method === 'cod') await this.limitOpenCashOrders(manager, buyer, new Set(cart.lines.map((l) => l.variant.cooperativeId)).size);
      // Short already in the last committed stock: answer now, instead of queueing on the variant's
      // row lock for an UPDATE that cannot succeed (in a sell-out, most attempts; bench/checkout.mjs).
      const visiblyShort = shortLines(cart.lines);
      if (visiblyShort.length > 0) throw stockInsufficient(visiblyShort);
      const rows = await this.record(manager, buyer, idempotencyKey, requestHash, input, priceCart(cart.lines, this.config.shipping, quotes), provider);
      return { id: rows.checkout.id, rows };
    });
    await this.setUpPayment(written.id, provider);
    // A new checkout answers from what it wrote; a replay (or a card payment, whose intent was just added) reads it back.
    if (written.rows && !provider.setUp) return this.views.written(written.rows.checkout, written.rows.payment, written.rows.orders, locale);
    return this.views.checkout(written.id, undefined, locale);
  }

  /**
   * The carriers' fees for a checkout's parcels, read outside its transaction (the transaction
   * prices again from what it locks, with these fees). A replay of a stored checkout asks no
   * carrier: it answers what was charged. A cart the checkout will refuse is not quoted either.
   */
  private async quoteForCheckout(buyer: AuthUser, idempotencyKey: string, input: CheckoutInput): Promise<Map<string, ParcelQuote>> {
    const [previous] = await this.db.query<Array<{ id: string }>>(`SELECT id FROM checkouts WHERE buyer_id = $1 AND idempotency_key = $2`, [
      buyer.id,
      idempotencyKey,
    ]);
    if (previous) return new Map();
    const cart = await this.readCart(input);
    if (cart.problems.length > 0) return new Map();
    return this.quoteShipping(input.shippingAddress.wardCode, cart.lines);
  }

  /** The cart's lines as the catalog sells them now, read without taking stock. */
  private async readCart(input: CheckoutQuoteInput): Promise<{ problems: CartProblem[]; lines: CartLine[] }> {
    const variants = await this.stock.describe(
      this.db.manager,
      input.items.map((i) => i.variantId),
    );
    return checkCart(input.items, variants, this.config.orders.maxQuantityPerLine);
  }

  /** Each cooperative's parcel priced by its carriers to the buyer's ward (a route none serves is a 400 naming that order). */
  private quoteShipping(wardCode: string, lines: CartLine[]): Promise<Map<string, ParcelQuote>> {
    return this.shippingQuotes.quote(
      wardCode,
      priceCart(lines, this.config.shipping).parcels.map((p) => ({
        cooperativeId: p.cooperativeId,
        cooperativeName: p.lines[0].variant.cooperativeName,
        weightGrams: p.weightGrams,
        goodsValue: p.itemsTotal,
      })),
    );
  }

  /**
   * What a checkout of these items would charge now — priced by the same function, read without
   * taking stock or writing anything. What a checkout would refuse in a line is reported as a
   * problem instead of thrown: unavailable and repeated lines are left out of the parcels, short
   * lines and lines over the per-line maximum are priced as asked.
   */
  async quote(input: CheckoutQuoteInput, locale: Locale): Promise<CheckoutQuoteDto> {
    const cart = await this.readCart(input);
    const problems = [...cart.problems, ...shortLines(cart.lines)].sort((a, b) => a.index - b.index);
    const quotes = input.shippingAddress ? await this.quoteShipping(input.shippingAddress.wardCode, cart.lines) : new Map<string, ParcelQuote>();
    const priced = priceCart(cart.lines, this.config.shipping, quotes);
    return {
      parcels: priced.parcels.map((p) => ({
        cooperativeId: p.cooperativeId,
        cooperativeName: p.lines[0].variant.cooperativeName,
        lines: p.lines.map((line) => ({ ...orderLineOf(line), available: line.variant.stock })),
        itemsTotal: p.itemsTotal,
        weightGrams: p.weightGrams,
        shippingFee: p.shippingFee,
        shipping: p.shipping,
      })),
      itemsTotal: priced.itemsTotal,
      shippingTotal: priced.shippingTotal,
      total: priced.total,
      problems: problems.map((p) => ({
        field: p.field,
        code: p.code,
        message: translate(locale, p.key, { field: p.field, ...p.params }, 'validation.invalid'),
      })),
      shippingNotice: shippingNotice(
        priced.parcels.map((p) => p.shipping),
        locale,
      ),
      paymentMethods: this.providers.available(),
    };
  }

  /**
   * A new account may hold only COD_OPEN_ORDERS_PER_NEW_ACCOUNT cash-on-delivery orders not yet
   * delivered or cancelled: orders nobody pays for until the door must not let one fresh account
   * tie up a cooperative's stock. The buyer's checkouts queue on one lock, so two at once cannot
   * both slip under the limit.
   */
  private async limitOpenCashOrders(manager: EntityManager, buyer: AuthUser, adding: number): Promise<void> {
    const limit = this.config.orders.codOpenOrdersPerNewAccount;
    const [account] = await manager.query<Array<{ is_new: boolean }>>(
      `SELECT created_at > now() - make_interval(days => $2) AS is_new FROM users WHERE id = $1`,
      [buyer.id, NEW_ACCOUNT_DAYS],
    );
    if (!account?.is_new) return;
    await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`cod:${buyer.id}`]);
    const [{ open }] = await manager.query<Array<{ open: number }>>(
      `SELECT count(*)::int AS open FROM orders o JOIN checkouts c ON c.id = o.checkout_id
        WHERE o.buyer_id = $1 AND c.payment_method = 'cod' AND o.status = ANY($2)`,
      [buyer.id, OPEN_COD_STATES],
    );
    if (open + adding > limit) {
      throw orderError('COD_LIMIT_REACHED', {
        params: { limit },
        details: [{ field: 'paymentMethod', key: 'validation.codLimit', params: { limit, open, days: NEW_ACCOUNT_DAYS } }],
      });
    }
  }

  /** The provider's outside part (Stripe's intent), once per checkout; a retry resumes it. */
  private async setUpPayment(checkoutId: string, provider: ReturnType<PaymentProviders['offered']>): Promise<void> {
    if (!provider.setUp) return;
    const payment = await this.db.getRepository(Payment).findOneByOrFail({ checkoutId });
    if (payment.providerReference) return;
    const setup = await provider.setUp({ checkoutId, amount: payment.amount });
    await this.db.getRepository(Payment).update({ id: payment.id }, { providerReference: setup.providerReference, clientSecret: setup.clientSecret });
  }

  /**
   * The checkout and its payment, then its orders with the stock they take: the payment first, so
   * that the variants' row locks, held from the stock UPDATE to the commit, wait on as few
   * statements as possible.
   */
  private async record(
    manager: EntityManager,
    buyer: AuthUser,
    idempotencyKey: string,
    requestHash: string,
    input: CheckoutInput,
    { parcels, itemsTotal, shippingTotal, total }: PricedCart,
    provider: ReturnType<PaymentProviders['offered']>,
  ): Promise<Written> {
    const address: ShippingAddress = { ...input.shippingAddress, phone: toE164VietnamesePhone(input.shippingAddress.phone)! };

    const checkoutRow = {
      buyerId: buyer.id,
      idempotencyKey,
      requestHash,
      paymentMethod: provider.method,
      paymentReference: newReference(),
      shippingAddress: address,
      itemsTotal,
      shippingTotal,
      total,
    };
    const [filled] = await insertMany(manager, Checkout, [checkoutRow], ['id', 'createdAt']);
    const checkout: Checkout = { ...checkoutRow, ...filled };
    await insertMany(manager, Payment, [{ checkoutId: checkout.id, provider: provider.method, amount: checkout.total, status: 'pending', needsRefund: false }]);
    const paymentDueAt = provider.expires ? new Date(Date.now() + this.config.orders.unpaidExpiryMinutes * 60_000) : null;
    const placement = await this.writer.place(
      manager,
      parcels.map((parcel, position) => ({
        checkoutId: checkout.id,
        cooperativeId: parcel.cooperativeId,
        buyerId: buyer.id,
        channel: 'web',
        externalReference: null,
        externalBuyerName: null,
        status: provider.initialStatus,
        itemsTotal: parcel.itemsTotal,
        shippingFee: parcel.shippingFee,
        shippingCarrier: parcel.shipping.carrier,
        shippingEstimatedDeliveryDate: parcel.shipping.estimatedDeliveryDate ?? null,
        shippingFallback: parcel.shipping.fallback,
        weightGrams: parcel.weightGrams,
        paymentDueAt,
        position,
        placedBy: buyer.id,
        note: null,
        lines: parcel.lines.map(orderLineOf),
      })),
    );
    if (!placement.placed) {
      const lines = parcels.flatMap((p) => p.lines);
      throw stockInsufficient(
        placement.short.map((s) => {
          const line = lines.find((l) => l.variant.variantId === s.variantId)!;
          return stockShort(line.index, line.variant, s.available);
        }),
      );
    }
    const orders: WrittenOrder[] = placement.orders.map(({ order, lines, change }, i) => ({
      order,
      lines,
      changes: [change],
      cooperativeName: parcels[i].lines[0].variant.cooperativeName,
    }));
    // Cash on delivery is the cooperative's to confirm at once; a prepaid order once its money is in.
    if (provider.initialStatus === OrderStatus.Placed) {
      for (const { order } of orders) await this.notices.toConfirm(manager, order);
    }
    return { checkout, payment: { provider: provider.method, status: 'pending', amount: checkout.total, clientSecret: null }, orders };
  }
}

/** 409 naming each line there is not enough of. */
function stockInsufficient(problems: CartProblem[]): AppException {
  return orderError('STOCK_INSUFFICIENT', { details: problems });
}

function newReference(): string {
  return `NS${[...randomBytes(8)].map((b) => REFERENCE_ALPHABET[b % 32]).join('')}`;
}
