import { Module, type DynamicModule } from '@nestjs/common';
import { AppConfig, CoreModule } from '@nongsan/core';
import { CatalogModule } from '@nongsan/catalog';
import { OrderModule } from '@nongsan/order';
import { ChannelsModule } from '@nongsan/channels';
import { UptakeModule } from '@nongsan/uptake';
import { SellerModule } from '@nongsan/seller';
import { DeliveryModule } from '@nongsan/delivery';

/** The queue consumers and schedules: every bounded context, without HTTP. */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [CoreModule.forRoot({ ...config, runWorker: true }), SellerModule, CatalogModule, OrderModule, DeliveryModule, ChannelsModule, UptakeModule],
    };
  }
}
