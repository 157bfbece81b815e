export { DeliveryModule } from './delivery.module.js';
export { DELIVERY_ERRORS } from './delivery.errors.js';
export { ShippingQuotes, type ParcelToQuote, type ParcelQuote } from './quotes/shipping-quotes.service.js';
export { ShipmentsService, type ShipmentView } from './shipments/shipments.service.js';
export { ShipmentOrdersLink, type ShipmentOrders, type OrderParcel, type ParcelMove } from './shipments/shipment-orders.js';
export type { CarrierCode } from './carriers/carrier-adapter.js';
