import { Module, type DynamicModule } from '@nestjs/common';
import { AppConfig, CoreModule } from '@nongsan/core';
import { CatalogModule } from '@nongsan/catalog';
import { OrderModule } from '@nongsan/order';
import { ChannelsModule } from '@nongsan/channels';
import { SellerModule } from '@nongsan/seller';
import { DemoModule } from '@nongsan/demo';

/** What CLI commands need: the services, without HTTP and without consuming jobs. */
@Module({})
export class CliModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: CliModule,
      imports: [CoreModule.forRoot({ ...config, runWorker: false }), SellerModule, CatalogModule, OrderModule, ChannelsModule, DemoModule],
    };
  }
}
