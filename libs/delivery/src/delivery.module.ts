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

/** Carriers (GHN, GHTK): cooperatives' accounts, our wards in each carrier's terms, fees, shipments and their status pushes. */
@Module({
  imports: [SellerModule, TypeOrmModule.forFeature([CarrierAccount, CarrierPlaceRow])],
  controllers: [CarrierAccountsController],
  providers: [CarrierRegistry, CarrierSecretsStore, CarrierPlaces, CarrierAccountsService],
  exports: [CarrierRegistry, CarrierPlaces],
})
export class DeliveryModule {}
