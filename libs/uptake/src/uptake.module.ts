import { Module } from '@nestjs/common';
import './messages.js';
import { UptakeExport } from './uptake-export.js';
import { UptakeController } from './uptake.controller.js';
import { UptakeReports } from './uptake-reports.service.js';
import { UptakeRollup } from './uptake-rollup.service.js';
import { VisitsController } from './visits/visits.controller.js';
import { VisitsService } from './visits/visits.service.js';

/** What the Department reports: onboarding, products online, sales by channel and locality, storefront visits. */
@Module({
  controllers: [UptakeController, VisitsController],
  providers: [UptakeRollup, UptakeReports, UptakeExport, VisitsService],
})
export class UptakeModule {}
