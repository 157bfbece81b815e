export { DeliveryModule } from './delivery.module.js';
export { CarrierRegistry } from './carriers/registry.js';
export type { CarrierCode, CarrierInfo, ShipmentStatus } from './carriers/carrier-adapter.js';
