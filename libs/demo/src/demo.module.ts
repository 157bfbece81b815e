import { Module } from '@nestjs/common';
import { CatalogModule } from '@nongsan/catalog';
import { OrderModule } from '@nongsan/order';
import { SellerModule } from '@nongsan/seller';
import { DemoCooperatives } from './cooperatives/demo-cooperatives.js';
import { DemoSeedService } from './demo-seed.service.js';
import { DemoMoney } from './money/demo-money.js';
import { DemoProducts } from './products/demo-products.js';

/**
 * The demo data: cooperatives, their products and transfers waiting for the collector. Only the
 * apps that seed import it (the API's first start, the CLI's seed:demo); no domain lib does.
 */
@Module({
  imports: [SellerModule, CatalogModule, OrderModule],
  providers: [DemoSeedService, DemoCooperatives, DemoProducts, DemoMoney],
  exports: [DemoSeedService],
})
export class DemoModule {}
