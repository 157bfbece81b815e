import { Injectable } from '@nestjs/common';
import { AppConfig } from '@nongsan/core';
import { OrderStatus } from '../orders/order-status.js';
import type { PaymentMethod } from '../orders/order.entities.js';
import { buildVietQr } from './vietqr/vietqr.js';
import { vietQrImage } from './vietqr/vietqr-image.js';

export interface PaymentInstructions {
  stripe?: { clientSecret: string };
  vietqr?: { payload: string; imageDataUrl: string; reference: string; amount: number; bankBin: string; accountNumber: string; accountName: string };
}

/** What a provider set up outside our database for a new checkout (e.g. a Stripe PaymentIntent). */
export interface PaymentSetup {
  providerReference: string;
  clientSecret: string | null;
}

/**
 * One way to pay: a new one is a class and one registration line. A provider says whether it is offered, what state new orders start
 * in, and what the buyer needs to pay (computed again on every read, never stored).
 */
export abstract class PaymentProvider {
  abstract readonly method: PaymentMethod;
  abstract readonly initialStatus: OrderStatus;
  /** Whether unpaid orders of this method expire. */
  abstract readonly expires: boolean;
  isAvailable(): boolean {
    return true;
  }
  /**
   * Gives `amount` back, outside any transaction, under `idempotencyKey` (a retry refunds once);
   * the provider's refund id, or null when it must be done by hand. Providers without it (a bank
   * transfer back) refund by hand.
   */
  refund?(payment: { providerReference: string | null }, amount: number, idempotencyKey: string): Promise<string | null>;
  /** Called after the checkout commits, and again on a retry until it succeeded once. */
  setUp?(payment: { checkoutId: string; amount: number }): Promise<PaymentSetup>;
  abstract instructions(checkout: { reference: string; total: number }, payment: { clientSecret: string | null }): Promise<PaymentInstructions>;
}

/** Cash on delivery: nothing to pay now; collected by the carrier when delivered. */
@Injectable()
export class CashOnDelivery extends PaymentProvider {
  readonly method = 'cod' as const;
  readonly initialStatus = OrderStatus.Placed;
  readonly expires = false;
  async instructions(): Promise<PaymentInstructions> {
    return {};
  }
}

/** Bank transfer to the collector's account by scanning a VietQR code; confirmed by the collector's people or a matching bank-statement line. */
@Injectable()
export class VietQrTransfer extends PaymentProvider {
  readonly method = 'vietqr' as const;
  readonly initialStatus = OrderStatus.PendingPayment;
  readonly expires = true;

  constructor(private readonly config: AppConfig) {
    super();
  }

  async instructions(checkout: { reference: string; total: number }): Promise<PaymentInstructions> {
    const account = this.config.vietqr;
    const payload = buildVietQr({ bankBin: account.bankBin, accountNumber: account.accountNumber, amount: checkout.total, purpose: checkout.reference });
    return {
      vietqr: {
        payload,
        imageDataUrl: await vietQrImage(payload),
        reference: checkout.reference,
        amount: checkout.total,
        bankBin: account.bankBin,
        accountNumber: account.accountNumber,
        accountName: account.accountName,
      },
    };
  }
}
