import { Module } from '@nestjs/common';
import { ChannelsModule } from '@nongsan/channels';
import './messages.js';
import { UptakeExport } from './uptake-export.js';
import { UptakeController } from './uptake.controller.js';
import { UptakeService } from './uptake.service.js';

/** What the Department reports: onboarding, products online, sales by channel and locality. */
@Module({
  imports: [ChannelsModule],
  controllers: [UptakeController],
  providers: [UptakeService, UptakeExport],
})
export class UptakeModule {}
