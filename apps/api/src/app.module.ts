import { Module, type DynamicModule } from '@nestjs/common';
import { AppConfig, CoreModule } from '@nongsan/core';
import { CatalogModule } from '@nongsan/catalog';
import { OrderModule } from '@nongsan/order';
import { ChannelsModule } from '@nongsan/channels';
import { UptakeModule } from '@nongsan/uptake';
import { DemoModule } from '@nongsan/demo';
import { SellerModule } from '@nongsan/seller';
import { DeliveryModule } from '@nongsan/delivery';
import { SellerHomeModule } from './seller-home/seller-home.module.js';

/** The HTTP application: every bounded context's controllers. */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CoreModule.forRoot(config),
        SellerModule,
        CatalogModule,
        OrderModule,
        DeliveryModule,
        ChannelsModule,
        UptakeModule,
        SellerHomeModule,
        DemoModule,
      ],
    };
  }
}
