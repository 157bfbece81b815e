import { Injectable } from '@nestjs/common';
import { AppConfig, coreError } from '@nongsan/core';
import Stripe from 'stripe';
import { OrderStatus } from '../orders/order-status.js';
import { PaymentProvider, type PaymentInstructions, type PaymentSetup } from './payment-provider.js';

/**
 * Cards through Stripe, offered only when STRIPE_SECRET_KEY is set. VND is zero-decimal in Stripe:
 * the amount is whole đồng, never ×100. The PaymentIntent is created after the checkout commits
 * (no network call inside a transaction) with the checkout id as idempotency key, so a retried
 * checkout gets the same intent.
 */
@Injectable()
export class CardPayment extends PaymentProvider {
  readonly method = 'card' as const;
  readonly initialStatus = OrderStatus.PendingPayment;
  readonly expires = true;
  readonly stripe: Stripe | undefined;

  constructor(private readonly config: AppConfig) {
    super();
    const { secretKey, apiBase } = config.stripe;
    if (!secretKey) return;
    const base = apiBase ? new URL(apiBase) : undefined;
    this.stripe = new Stripe(secretKey, {
      maxNetworkRetries: 2,
      timeout: 15_000,
      telemetry: false,
      ...(base
        ? { host: base.hostname, port: base.port || (base.protocol === 'https:' ? 443 : 80), protocol: base.protocol === 'https:' ? 'https' : 'http' }
        : {}),
    });
  }

  override isAvailable(): boolean {
    return this.stripe !== undefined;
  }

  override async setUp(payment: { checkoutId: string; amount: number }): Promise<PaymentSetup> {
    try {
      const intent = await this.stripe!.paymentIntents.create(
        { amount: payment.amount, currency: 'vnd', metadata: { checkoutId: payment.checkoutId } },
        { idempotencyKey: `checkout-${payment.checkoutId}` },
      );
      return { providerReference: intent.id, clientSecret: intent.client_secret };
    } catch {
      // The checkout stands; retrying the request with the same Idempotency-Key finishes it.
      throw coreError('SERVICE_UNAVAILABLE', { details: [{ field: 'paymentMethod', key: 'validation.cardUnavailable' }] });
    }
  }

  override async refund(payment: { providerReference: string | null }, amount: number, idempotencyKey: string): Promise<string | null> {
    if (!payment.providerReference || !this.stripe) return null;
    try {
      const refund = await this.stripe.refunds.create(
        { payment_intent: payment.providerReference, amount, reason: 'requested_by_customer' },
        { idempotencyKey },
      );
      return refund.id;
    } catch {
      return null;
    }
  }

  async instructions(_: unknown, payment: { clientSecret: string | null }): Promise<PaymentInstructions> {
    return payment.clientSecret ? { stripe: { clientSecret: payment.clientSecret } } : {};
  }
}
