export { OrderModule } from './order.module.js';
export { ORDER_ERRORS, type OrderErrorCode } from './order.errors.js';
export { OrdersService } from './orders/orders.service.js';
export { PayoutsService } from './payouts/payouts.service.js';
export { ReturnsService } from './returns/returns.service.js';
export { OrderStatus } from './orders/order-status.js';
export { parseVietQr } from './payments/vietqr/vietqr.js';
export { MarketplaceOrdersService } from './marketplace/marketplace-orders.service.js';
export { CheckoutService } from './checkout/checkout.service.js';
