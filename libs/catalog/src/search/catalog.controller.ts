import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ErrorResponseDto, Public } from '@nongsan/core';
import { CatalogSearchService } from './catalog-search.service.js';
import { CatalogPageDto, ProductSearchDto, PublicProductDto } from './search.dto.js';

@ApiTags('catalog')
@Public()
@Controller('catalog/products')
export class CatalogController {
  constructor(private readonly catalog: CatalogSearchService) {}

  @Get()
  @ApiOkResponse({ type: CatalogPageDto })
  search(@Query() query: ProductSearchDto): Promise<CatalogPageDto> {
    return this.catalog.search(query);
  }

  @Get(':slug')
  @ApiOkResponse({ type: PublicProductDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  product(@Param('slug') slug: string): Promise<PublicProductDto> {
    return this.catalog.productPage(slug);
  }
}
