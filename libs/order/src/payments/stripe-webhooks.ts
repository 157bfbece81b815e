import { Controller, HttpCode, Injectable, Post, Req } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { AppConfig, AppException, ErrorResponseDto, Public } from '@nongsan/core';
import type { Request } from 'express';
import type Stripe from 'stripe';
import type { DataSource, EntityManager } from 'typeorm';
import { Payment, PaymentEvent } from '../orders/order.entities.js';
import { OrdersService } from '../orders/orders.service.js';
import { CardPayment } from './card-payment.js';
import type { Refund } from '../refunds/refund.entity.js';
import { RefundsService } from '../refunds/refunds.service.js';

export class WebhookAckDto {
  @ApiProperty() received: boolean;
  @ApiProperty({ description: 'This event id was delivered before; nothing changed' }) duplicate: boolean;
}

/**
 * Stripe's notifications. The signature is checked on the raw bytes before anything is stored;
 * each event is stored once by its id and applied in the same transaction, so replays change
 * nothing. Effects are written to hold in any order: a refund that arrives before the success it
 * refunds leaves the payment refunded, a failure after a success changes nothing.
 */
@Injectable()
export class StripeWebhooks {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly card: CardPayment,
    private readonly orders: OrdersService,
    private readonly refunds: RefundsService,
    private readonly config: AppConfig,
  ) {}

  async receive(rawBody: Buffer | undefined, signature: string | undefined): Promise<WebhookAckDto> {
    const stripe = this.card.stripe;
    if (!stripe || !this.config.stripe.webhookSecret) throw AppException.notFound();
    let event: Stripe.Event;
    try {
      event = stripe.webhooks.constructEvent(rawBody ?? Buffer.alloc(0), signature ?? '', this.config.stripe.webhookSecret);
    } catch {
      throw AppException.validation([{ field: 'Stripe-Signature', key: 'validation.webhookSignature' }]);
    }
    const { ack, owed } = await this.db.transaction(async (manager) => {
      const stored = await manager
        .createQueryBuilder()
        .insert()
        .into(PaymentEvent)
        .values({ provider: 'card', eventId: event.id, type: event.type, payload: event, applied: isHandled(event.type) })
        .orIgnore()
        .returning('id')
        .execute();
      if (stored.raw.length === 0) return { ack: { received: true, duplicate: true }, owed: [] };
      return { ack: { received: true, duplicate: false }, owed: await this.apply(manager, event) };
    });
    // Money that arrived for orders already cancelled goes straight back to the card.
    await this.refunds.send(owed);
    return ack;
  }

  private async apply(manager: EntityManager, event: Stripe.Event): Promise<Refund[]> {
    const intentId = intentOf(event);
    if (!intentId || !isHandled(event.type)) return [];
    const payment = await manager
      .getRepository(Payment)
      .findOne({ where: { provider: 'card', providerReference: intentId }, lock: { mode: 'pessimistic_write' } });
    if (!payment) return [];
    if (event.type === 'payment_intent.succeeded') {
      if (payment.status === 'pending' || payment.status === 'failed' || payment.status === 'cancelled')
        return this.orders.settlePayment(manager, payment, null);
    } else if (event.type === 'payment_intent.payment_failed') {
      // The buyer may try another card on the same intent: the orders keep waiting until they expire.
      if (payment.status === 'pending') await manager.getRepository(Payment).update({ id: payment.id }, { status: 'failed' });
    } else if (event.type === 'charge.refunded') {
      const charge = event.data.object as Stripe.Charge;
      if (charge.amount_refunded >= payment.amount) await manager.getRepository(Payment).update({ id: payment.id }, { status: 'refunded', needsRefund: false });
    }
    return [];
  }
}

const HANDLED = new Set(['payment_intent.succeeded', 'payment_intent.payment_failed', 'charge.refunded']);
const isHandled = (type: string) => HANDLED.has(type);

function intentOf(event: Stripe.Event): string | undefined {
  const object = event.data.object as { object?: string; id?: string; payment_intent?: string | { id: string } | null };
  if (object.object === 'payment_intent') return object.id;
  if (typeof object.payment_intent === 'string') return object.payment_intent;
  return object.payment_intent?.id;
}

@ApiTags('order')
@Public()
@Controller('payments/stripe')
export class StripeWebhookController {
  constructor(private readonly webhooks: StripeWebhooks) {}

  @Post('webhook')
  @HttpCode(200)
  @ApiOkResponse({ type: WebhookAckDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'Bad Stripe-Signature: nothing stored' })
  receive(@Req() request: Request & { rawBody?: Buffer }): Promise<WebhookAckDto> {
    return this.webhooks.receive(request.rawBody, request.headers['stripe-signature'] as string | undefined);
  }
}
