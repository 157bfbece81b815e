import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { SellerModule } from '@nongsan/seller';
import './messages.js';
import { CarrierAccount } from './accounts/carrier-account.entity.js';
import { CarrierAccountsController } from './accounts/carrier-accounts.controller.js';
import { CarrierAccountsService } from './accounts/carrier-accounts.service.js';
import { CarrierSecretsStore } from './accounts/carrier-secrets.js';
import { CarrierRegistry } from './carriers/registry.js';
import { CarrierPlaceRow } from './places/carrier-place.entity.js';
import { CarrierPlaces } from './places/carrier-places.service.js';
import { ShippingQuotes } from './quotes/shipping-quotes.service.js';
import { Shipment } from './shipments/shipment.entity.js';
import { ShipmentOrdersLink } from './shipments/shipment-orders.js';
import { ShipmentsController } from './shipments/shipments.controller.js';
import { ShipmentsService } from './shipments/shipments.service.js';

/** Carriers (GHN, GHTK): cooperatives' accounts, our wards in each carrier's terms, fees, shipments and their status pushes. */
@Module({
  imports: [SellerModule, TypeOrmModule.forFeature([CarrierAccount, CarrierPlaceRow, Shipment])],
  controllers: [CarrierAccountsController, ShipmentsController],
  providers: [CarrierRegistry, CarrierSecretsStore, CarrierPlaces, CarrierAccountsService, ShippingQuotes, ShipmentsService, ShipmentOrdersLink],
  exports: [ShippingQuotes, ShipmentsService, ShipmentOrdersLink],
})
export class DeliveryModule {}
