import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/decorators.js';
import { FormerDistrictListDto, WardListDto, WardQueryDto } from './admin-units.dto.js';
import { AdminUnitsService } from './admin-units.service.js';

@ApiTags('catalog')
@Public()
@Controller('catalog')
export class AdminUnitsController {
  constructor(private readonly units: AdminUnitsService) {}

  @Get('wards')
  @ApiOkResponse({ type: WardListDto, description: 'Wards and communes of province 52 (since 2025-07-01)' })
  async wards(@Query() query: WardQueryDto): Promise<WardListDto> {
    return { items: await this.units.listWards(query), nextCursor: null };
  }

  @Get('former-districts')
  @ApiOkResponse({ type: FormerDistrictListDto, description: 'District-level units abolished on 2025-07-01' })
  async formerDistricts(): Promise<FormerDistrictListDto> {
    return { items: await this.units.listFormerDistricts(), nextCursor: null };
  }
}
