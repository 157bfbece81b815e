import { Injectable } from '@nestjs/common';
import { AppException } from '@nongsan/core';
import type { PaymentMethod } from '../orders/order.entities.js';
import { CardPayment } from './card-payment.js';
import { CashOnDelivery, type PaymentProvider, VietQrTransfer } from './payment-provider.js';

/** The registry: adding a way to pay is one provider class and one entry here. */
@Injectable()
export class PaymentProviders {
  private readonly byMethod: Map<PaymentMethod, PaymentProvider>;

  constructor(cod: CashOnDelivery, vietqr: VietQrTransfer, card: CardPayment) {
    this.byMethod = new Map<PaymentMethod, PaymentProvider>([
      [cod.method, cod],
      [vietqr.method, vietqr],
      [card.method, card],
    ]);
  }

  /** The provider of an offered method, or 400 naming paymentMethod. */
  offered(method: PaymentMethod): PaymentProvider {
    const provider = this.byMethod.get(method);
    if (!provider?.isAvailable()) throw AppException.validation([{ field: 'paymentMethod', key: 'validation.paymentMethodUnavailable', params: { method } }]);
    return provider;
  }

  /** The methods a buyer may choose now, in the order the storefront shows them. */
  available(): PaymentMethod[] {
    return [...this.byMethod.values()].filter((p) => p.isAvailable()).map((p) => p.method);
  }

  get(method: PaymentMethod): PaymentProvider {
    const provider = this.byMethod.get(method);
    if (!provider) throw new Error(`no payment provider for ${method}`);
    return provider;
  }
}
