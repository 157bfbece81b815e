import { Module } from '@nestjs/common';
import { ChannelsModule } from '@nongsan/channels';
import './messages.js';
import { UptakeExport } from './uptake-export.js';
import { UptakeController } from './uptake.controller.js';
import { UptakeService } from './uptake.service.js';
import { VisitsController } from './visits/visits.controller.js';
import { VisitsService } from './visits/visits.service.js';

/** What the Department reports: onboarding, products online, sales by channel and locality, storefront visits. */
@Module({
  imports: [ChannelsModule],
  controllers: [UptakeController, VisitsController],
  providers: [UptakeService, UptakeExport, VisitsService],
})
export class UptakeModule {}
