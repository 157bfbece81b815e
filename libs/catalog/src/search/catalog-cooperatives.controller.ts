import { Controller, Get, Param } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ErrorResponseDto, Public } from '@nongsan/core';
import { CooperativePageService } from './cooperative-page.service.js';
import { CooperativePageDto } from './search.dto.js';

@ApiTags('catalog')
@Public()
@Controller('catalog/cooperatives')
export class CatalogCooperativesController {
  constructor(private readonly cooperatives: CooperativePageService) {}

  @Get(':slug')
  @ApiOkResponse({ type: CooperativePageDto, description: "Its products: GET /catalog/products?cooperativeId=" })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'No approved cooperative with this slug' })
  cooperative(@Param('slug') slug: string): Promise<CooperativePageDto> {
    return this.cooperatives.page(slug);
  }
}
