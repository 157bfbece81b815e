import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiForbiddenResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { CurrentUser, ErrorResponseDto, Role, Roles, type AuthUser } from '@nongsan/core';
import type { Response } from 'express';
import { UptakeExport } from './uptake-export.js';
import {
  ChannelsUptakeDto,
  FunnelDto,
  LocalitiesDto,
  MoitReportDto,
  MoitReportQueryDto,
  SyncHealthDto,
  TimeseriesDto,
  TimeseriesQueryDto,
  UptakeQueryDto,
  UptakeSummaryDto,
} from './uptake.dto.js';
import { UptakeReports } from './uptake-reports.service.js';

/** The Department's dashboard: officials only, aggregates only (no buyer's name, phone or address). */
@ApiTags('uptake')
@ApiBearerAuth()
@Roles(Role.Official)
@ApiForbiddenResponse({ type: ErrorResponseDto, description: 'Officials only' })
@ApiBadRequestResponse({ type: ErrorResponseDto, description: 'A date, ward or former district that is not valid, or from after to' })
@Controller('uptake')
export class UptakeController {
  constructor(
    private readonly uptake: UptakeReports,
    private readonly exporter: UptakeExport,
  ) {}

  @Get('summary')
  @ApiOkResponse({ type: UptakeSummaryDto })
  async summary(@Query() query: UptakeQueryDto): Promise<UptakeSummaryDto> {
    return this.uptake.summary(await this.uptake.period(query));
  }

  @Get('funnel')
  @ApiOkResponse({ type: FunnelDto })
  async funnel(@Query() query: UptakeQueryDto): Promise<FunnelDto> {
    return this.uptake.funnel(await this.uptake.period(query));
  }

  @Get('timeseries')
  @ApiOkResponse({ type: TimeseriesDto })
  async timeseries(@Query() query: TimeseriesQueryDto): Promise<TimeseriesDto> {
    return this.uptake.timeseries(await this.uptake.period(query), query);
  }

  @Get('localities')
  @ApiOkResponse({ type: LocalitiesDto })
  async localities(@Query() query: UptakeQueryDto): Promise<LocalitiesDto> {
    return this.uptake.localities(await this.uptake.period(query));
  }

  @Get('channels')
  @ApiOkResponse({ type: ChannelsUptakeDto })
  async channels(@Query() query: UptakeQueryDto): Promise<ChannelsUptakeDto> {
    return this.uptake.channels(await this.uptake.period(query));
  }

  @Get('sync-health')
  @ApiOkResponse({ type: SyncHealthDto })
  async syncHealth(@Query() query: UptakeQueryDto): Promise<SyncHealthDto> {
    return this.uptake.syncHealth(await this.uptake.period(query));
  }

  @Get('moit-report')
  @ApiOkResponse({ type: MoitReportDto, description: 'The e-commerce platform report to the Ministry of Industry and Trade, year to date' })
  moitReport(@Query() query: MoitReportQueryDto): Promise<MoitReportDto> {
    return this.uptake.moitReport(query);
  }

  @Get('export.xlsx')
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOkResponse({ description: 'Cover sheet plus one sheet per view' })
  async export(@CurrentUser() user: AuthUser, @Query() query: UptakeQueryDto, @Res() response: Response): Promise<void> {
    const period = await this.uptake.period(query);
    const file = await this.exporter.workbook(period, user);
    response
      .status(200)
      .setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .setHeader('Content-Disposition', `attachment; filename="nong-san-uptake-${period.from}-${period.to}.xlsx"`)
      .send(file);
  }
}
