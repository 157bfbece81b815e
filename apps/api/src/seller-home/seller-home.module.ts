import { Module } from '@nestjs/common';
import { CatalogModule } from '@nongsan/catalog';
import { ChannelsModule } from '@nongsan/channels';
import { OrderModule } from '@nongsan/order';
import { SellerModule } from '@nongsan/seller';
import { SellerHomeController } from './seller-home.controller.js';
import { SellerHomeService } from './seller-home.service.js';

/** The seller portal's home figures, composed across contexts (an app-level concern: see SellerHomeService). */
@Module({
  imports: [SellerModule, CatalogModule, OrderModule, ChannelsModule],
  controllers: [SellerHomeController],
  providers: [SellerHomeService],
})
export class SellerHomeModule {}
