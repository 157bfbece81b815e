import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, ErrorResponseDto, IdParam, type AuthUser } from '@nongsan/core';
import { SellerOverviewDto } from './seller-home.dto.js';
import { SellerHomeService } from './seller-home.service.js';

@ApiTags('seller')
@ApiBearerAuth()
@Controller()
export class SellerHomeController {
  constructor(private readonly home: SellerHomeService) {}

  @Get('cooperatives/:id/overview')
  @ApiOkResponse({ type: SellerOverviewDto, description: 'What needs the cooperative’s attention (members and officials)' })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'No such cooperative, or not yours' })
  overview(@CurrentUser() user: AuthUser, @IdParam('id', 'cooperative') id: string): Promise<SellerOverviewDto> {
    return this.home.overview(user, id);
  }
}
