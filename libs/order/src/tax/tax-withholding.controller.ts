import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiOkResponse, ApiProduces, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { CurrentUser, ErrorResponseDto, Role, Roles, vietnamDate, type AuthUser } from '@nongsan/core';
import { IsOptional, Matches } from 'class-validator';
import type { Response } from 'express';
import { TaxWithholdingExport } from './tax-withholding.service.js';

export class TaxMonthQueryDto {
  @ApiPropertyOptional({ example: '2026-11', description: 'A Vietnam calendar month; default: this month' })
  @IsOptional()
  @Matches(/^\d{4}-(0[1-9]|1[0-2])$/)
  month?: string;
}

@ApiTags('order')
@ApiBearerAuth()
@Roles(Role.Finance)
@ApiForbiddenResponse({ type: ErrorResponseDto, description: 'Not an admin or an official with the finance permission' })
@Controller('admin')
export class TaxWithholdingController {
  constructor(private readonly exporter: TaxWithholdingExport) {}

  @Get('tax-withholding.xlsx')
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOkResponse({
    description: 'The month’s tax withheld on household sellers’ orders: a sheet per seller (“Tổng hợp”) and every withholding and offset (“Chi tiết”)',
  })
  async export(@CurrentUser() user: AuthUser, @Query() query: TaxMonthQueryDto, @Res() response: Response): Promise<void> {
    const month = query.month ?? vietnamDate().slice(0, 7);
    const file = await this.exporter.workbook(month, user);
    response
      .status(200)
      .setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .setHeader('Content-Disposition', `attachment; filename="thue-khau-tru-${month}.xlsx"`)
      .send(file);
  }
}
