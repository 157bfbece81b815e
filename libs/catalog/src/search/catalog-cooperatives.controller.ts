import { Controller, Get, Param } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ErrorResponseDto, Public } from '@nongsan/core';
import { CooperativePageService } from './cooperative-page.service.js';
import { CooperativeProfileDto } from './search.dto.js';

@ApiTags('catalog')
@Public()
@Controller('catalog/cooperatives')
export class CatalogCooperativesController {
  constructor(private readonly cooperatives: CooperativePageService) {}

  @Get(':slug')
  @ApiOkResponse({ type: CooperativeProfileDto, description: 'Its products: GET /catalog/products?cooperativeId=' })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'No approved cooperative with this slug' })
  cooperative(@Param('slug') slug: string): Promise<CooperativeProfileDto> {
    return this.cooperatives.page(slug);
  }
}
