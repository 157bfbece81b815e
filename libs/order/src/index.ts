export { OrderModule } from './order.module.js';
export { OrdersService } from './orders/orders.service.js';
export { PayoutsService } from './payouts/payouts.service.js';
export { ReturnsService } from './returns/returns.service.js';
export { ORDER_CHANGED, type OrderChangedEvent } from './orders/order-events.js';
export { parseVietQr } from './payments/vietqr/vietqr.js';
export { MarketplaceOrdersService } from './marketplace/marketplace-orders.service.js';
