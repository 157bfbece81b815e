import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CatalogModule } from '@nongsan/catalog';
import { SellerModule } from '@nongsan/seller';
import './messages.js';
import { CheckoutService } from './checkout/checkout.service.js';
import { CheckoutsController } from './checkout/checkouts.controller.js';
import { Checkout, Order, OrderLine, OrderStatusChange, Payment, PaymentEvent, StockReservation } from './orders/order.entities.js';
import { OrderExpiry } from './orders/order-expiry.js';
import { OrderViews } from './orders/order-views.js';
import { OrdersController } from './orders/orders.controller.js';
import { OrdersService } from './orders/orders.service.js';
import { CashOnDelivery, VietQrTransfer } from './payments/payment-provider.js';
import { PaymentProviders } from './payments/payment-providers.js';
import { CardPayment } from './payments/card-payment.js';
import { LedgerEntry } from './payouts/ledger-entry.entity.js';
import { PayoutsController } from './payouts/payouts.controller.js';
import { PayoutsService } from './payouts/payouts.service.js';
import { StripeWebhookController, StripeWebhooks } from './payments/stripe-webhooks.js';
import { MarketplaceOrdersService } from './marketplace/marketplace-orders.service.js';

/** Checkout, orders and their state machine, stock reservations, payments. */
@Module({
  imports: [SellerModule, CatalogModule, TypeOrmModule.forFeature([Checkout, Order, OrderLine, StockReservation, OrderStatusChange, Payment, PaymentEvent, LedgerEntry])],
  controllers: [CheckoutsController, OrdersController, StripeWebhookController, PayoutsController],
  providers: [CheckoutService, OrdersService, OrderViews, OrderExpiry, CashOnDelivery, VietQrTransfer, CardPayment, PaymentProviders, StripeWebhooks, PayoutsService, MarketplaceOrdersService],
  exports: [OrdersService, MarketplaceOrdersService],
})
export class OrderModule {}
