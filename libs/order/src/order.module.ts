import { Module, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource, TypeOrmModule } from '@nestjs/typeorm';
import { CatalogModule } from '@nongsan/catalog';
import { DeliveryModule } from '@nongsan/delivery';
import { OnboardingFacts, SellerModule } from '@nongsan/seller';
import type { DataSource } from 'typeorm';
import './messages.js';
import { CheckoutService } from './checkout/checkout.service.js';
import { CheckoutsController } from './checkout/checkouts.controller.js';
import { Checkout, Order, OrderLine, OrderStatusChange, Payment, PaymentEvent, StockReservation } from './orders/order.entities.js';
import { OrderExpiry } from './orders/order-expiry.js';
import { OrderStatus } from './orders/order-status.js';
import { OrderViews } from './orders/order-views.js';
import { OrderWriter } from './orders/order-writer.js';
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
import { OrderNotices } from './orders/order-notices.js';
import { OrderShipments } from './orders/order-shipments.js';
import { CollectorController } from './collection/collector.controller.js';
import { AwaitingTransfersService } from './collection/awaiting-transfers.service.js';
import { Refund } from './refunds/refund.entity.js';
import { BankStatement, BankStatementLine } from './bank-statements/bank-statement.entities.js';
import { BankStatementsController } from './bank-statements/bank-statements.controller.js';
import { BankStatementsService } from './bank-statements/bank-statements.service.js';
import { BankStatementWorker } from './bank-statements/bank-statement.worker.js';
import { TaxWithholdingController } from './tax/tax-withholding.controller.js';
import { OrderReturn, ReturnPhoto } from './returns/order-return.entity.js';
import { ReturnPhotosService } from './returns/return-photos.service.js';
import { ReturnsController } from './returns/returns.controller.js';
import { ReturnsService } from './returns/returns.service.js';
import { TaxWithholdingExport } from './tax/tax-withholding.service.js';
import { RefundsService } from './refunds/refunds.service.js';

/** Checkout, orders and their state machine, stock reservations, payments. */
@Module({
  imports: [
    SellerModule,
    CatalogModule,
    DeliveryModule,
    TypeOrmModule.forFeature([
      Checkout,
      Order,
      OrderLine,
      StockReservation,
      OrderStatusChange,
      Payment,
      PaymentEvent,
      LedgerEntry,
      Refund,
      BankStatement,
      BankStatementLine,
      OrderReturn,
      ReturnPhoto,
    ]),
  ],
  controllers: [
    CheckoutsController,
    OrdersController,
    StripeWebhookController,
    PayoutsController,
    CollectorController,
    BankStatementsController,
    TaxWithholdingController,
    ReturnsController,
  ],
  providers: [
    CheckoutService,
    OrdersService,
    OrderWriter,
    OrderNotices,
    OrderShipments,
    OrderViews,
    OrderExpiry,
    CashOnDelivery,
    VietQrTransfer,
    CardPayment,
    PaymentProviders,
    StripeWebhooks,
    PayoutsService,
    MarketplaceOrdersService,
    RefundsService,
    BankStatementsService,
    BankStatementWorker,
    TaxWithholdingExport,
    ReturnsService,
    ReturnPhotosService,
    AwaitingTransfersService,
  ],
  exports: [OrdersService, MarketplaceOrdersService, PayoutsService, ReturnsService, CheckoutService],
})
export class OrderModule implements OnModuleInit {
  constructor(
    private readonly facts: OnboardingFacts,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  /**
   * Tells seller onboarding when a cooperative first received an order, from this storefront or a
   * marketplace. It counts as the Department's funnel does: an order still waiting for its money,
   * cancelled or refunded is not a sale.
   */
  onModuleInit(): void {
    const notReceived = [OrderStatus.PendingPayment, OrderStatus.Cancelled, OrderStatus.Refunded];
    this.facts.provide('first_order_received', async (cooperativeId) => {
      const [row] = await this.db.query<Array<{ at: Date | null }>>(
        `SELECT min(created_at) AS at FROM orders WHERE cooperative_id = $1 AND status <> ALL($2)`,
        [cooperativeId, notReceived],
      );
      return row?.at ?? null;
    });
  }
}
