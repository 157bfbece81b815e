import { bigintNumber } from '@nongsan/core';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { OrderStatus } from './order-status.js';

export type PaymentMethod = 'cod' | 'vietqr' | 'card';

export interface ShippingAddress {
  fullName: string;
  /** E.164 */
  phone: string;
  addressLine: string;
  wardCode: string;
  province?: string;
}

/** One purchase: what the buyer paid for at once, split into one order per cooperative. */
@Entity('checkouts')
export class Checkout {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'buyer_id', type: 'uuid' }) buyerId: string;
  @Column({ name: 'idempotency_key', type: 'text' }) idempotencyKey: string;
  /** sha256 of the canonical request: the same key with another body is refused (422). */
  @Column({ name: 'request_hash', type: 'text' }) requestHash: string;
  @Column({ name: 'payment_method', type: 'text' }) paymentMethod: PaymentMethod;
  /** Short code the buyer writes in the bank transfer, e.g. NS4K7P2QXM. */
  @Column({ name: 'payment_reference', type: 'text' }) paymentReference: string;
  @Column({ name: 'shipping_address', type: 'jsonb' }) shippingAddress: ShippingAddress;
  @Column({ name: 'items_total', type: 'bigint', transformer: bigintNumber }) itemsTotal: number;
  @Column({ name: 'shipping_total', type: 'bigint', transformer: bigintNumber }) shippingTotal: number;
  @Column({ type: 'bigint', transformer: bigintNumber }) total: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}

/** What one cooperative fulfils. */
@Entity('orders')
export class Order {
  @PrimaryGeneratedColumn('uuid') id: string;
  /** Null for an order placed on a marketplace (`channel` is then that platform). */
  @Column({ name: 'checkout_id', type: 'uuid', nullable: true }) checkoutId: string | null;
  @Column({ name: 'cooperative_id', type: 'uuid' }) cooperativeId: string;
  @Column({ name: 'buyer_id', type: 'uuid', nullable: true }) buyerId: string | null;
  /** `web` for our storefront, else the platform id (`shopee`…) the order came from. */
  @Column({ type: 'text' }) channel: string;
  /** The platform's order number (Shopee's order_sn). */
  @Column({ name: 'external_reference', type: 'text', nullable: true }) externalReference: string | null;
  @Column({ name: 'external_buyer_name', type: 'text', nullable: true }) externalBuyerName: string | null;
  @Column({ type: 'text' }) status: OrderStatus;
  @Column({ name: 'items_total', type: 'bigint', transformer: bigintNumber }) itemsTotal: number;
  @Column({ name: 'shipping_fee', type: 'bigint', transformer: bigintNumber }) shippingFee: number;
  /** The carrier whose quote the shipping fee is (`ghn`, `ghtk`); null when the flat table priced it. */
  @Column({ name: 'shipping_carrier', type: 'text', nullable: true }) shippingCarrier: string | null;
  /** The day the quoting carrier expected to deliver, as the buyer was told at checkout. */
  @Column({ name: 'shipping_estimated_delivery_date', type: 'date', nullable: true }) shippingEstimatedDeliveryDate: string | null;
  /** The flat table stood in for carriers that failed (the buyer was told so). */
  @Column({ name: 'shipping_fallback', type: 'boolean', default: false }) shippingFallback: boolean;
  @Column({ type: 'bigint', transformer: bigintNumber }) total: number;
  @Column({ name: 'weight_grams', type: 'int' }) weightGrams: number;
  @Column({ type: 'text', nullable: true }) carrier: string | null;
  @Column({ name: 'tracking_number', type: 'text', nullable: true }) trackingNumber: string | null;
  @Column({ name: 'cancel_reason', type: 'text', nullable: true }) cancelReason: string | null;
  /** Unpaid VietQR/card orders are cancelled after this. */
  @Column({ name: 'payment_due_at', type: 'timestamptz', nullable: true }) paymentDueAt: Date | null;
  /** Place in its checkout, in the order the buyer added the cooperatives' products. */
  @Column({ type: 'int' }) position: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}

/** Priced and named as at order time: later catalog edits do not rewrite what was bought. */
@Entity('order_lines')
export class OrderLine {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'order_id', type: 'uuid' }) orderId: string;
  @Column({ name: 'variant_id', type: 'uuid' }) variantId: string;
  @Column({ name: 'product_id', type: 'uuid' }) productId: string;
  @Column({ name: 'product_name', type: 'text' }) productName: string;
  @Column({ name: 'variant_name', type: 'text' }) variantName: string;
  @Column({ type: 'text' }) sku: string;
  @Column({ name: 'unit_price', type: 'bigint', transformer: bigintNumber }) unitPrice: number;
  @Column({ type: 'int' }) quantity: number;
  @Column({ name: 'line_total', type: 'bigint', transformer: bigintNumber }) lineTotal: number;
  @Column({ type: 'int' }) position: number;
}

/** Stock taken for an order: held until paid or delivered, given back if it is cancelled or expires. */
@Entity('stock_reservations')
export class StockReservation {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'order_id', type: 'uuid' }) orderId: string;
  @Column({ name: 'variant_id', type: 'uuid' }) variantId: string;
  @Column({ type: 'int' }) quantity: number;
  @Column({ type: 'text' }) status: 'held' | 'committed' | 'released';
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'settled_at', type: 'timestamptz', nullable: true }) settledAt: Date | null;
}

@Entity('order_status_changes')
export class OrderStatusChange {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  @Column({ name: 'order_id', type: 'uuid' }) orderId: string;
  @Column({ name: 'from_status', type: 'text', nullable: true }) fromStatus: OrderStatus | null;
  @Column({ name: 'to_status', type: 'text' }) toStatus: OrderStatus;
  @Column({ type: 'text', nullable: true }) note: string | null;
  @Column({ name: 'actor_user_id', type: 'uuid', nullable: true }) actorUserId: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}

/** A provider's notification (Stripe webhook), stored once by its event id: replays change nothing. */
@Entity('payment_events')
export class PaymentEvent {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'text' }) provider: PaymentMethod;
  @Column({ name: 'event_id', type: 'text' }) eventId: string;
  @Column({ type: 'text' }) type: string;
  @Column({ type: 'jsonb' }) payload: object;
  @CreateDateColumn({ name: 'received_at', type: 'timestamptz' }) receivedAt: Date;
  /** False for event types we do not act on. */
  @Column({ type: 'boolean' }) applied: boolean;
}

@Entity('payments')
export class Payment {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'checkout_id', type: 'uuid' }) checkoutId: string;
  @Column({ type: 'text' }) provider: PaymentMethod;
  @Column({ type: 'bigint', transformer: bigintNumber }) amount: number;
  @Column({ type: 'text' }) status: 'pending' | 'succeeded' | 'failed' | 'refunded' | 'cancelled';
  @Column({ name: 'provider_reference', type: 'text', nullable: true }) providerReference: string | null;
  @Column({ name: 'received_at', type: 'timestamptz', nullable: true }) receivedAt: Date | null;
  @Column({ name: 'received_by', type: 'uuid', nullable: true }) receivedBy: string | null;
  /** The bank's reference of the transfer, as the collector typed it or as the statement line gave it. */
  @Column({ name: 'received_reference', type: 'text', nullable: true }) receivedReference: string | null;
  /** Stripe's PaymentIntent client secret, handed to the buyer's browser only. */
  @Column({ name: 'client_secret', type: 'text', nullable: true, select: false }) clientSecret: string | null;
  /** Money that arrived after its orders expired: recorded, and owed back to the buyer. */
  @Column({ name: 'needs_refund', type: 'boolean' }) needsRefund: boolean;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
