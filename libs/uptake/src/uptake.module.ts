import { Module } from '@nestjs/common';
import './messages.js';
import { UptakeExport } from './uptake-export.js';
import { UptakeController } from './uptake.controller.js';
import { UptakeService } from './uptake.service.js';
import { VisitsController } from './visits/visits.controller.js';
import { VisitsService } from './visits/visits.service.js';

/** What the Department reports: onboarding, products online, sales by channel and locality, storefront visits. */
@Module({
  controllers: [UptakeController, VisitsController],
  providers: [UptakeService, UptakeExport, VisitsService],
})
export class UptakeModule {}
