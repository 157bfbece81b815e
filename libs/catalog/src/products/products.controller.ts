import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, ErrorResponseDto, IdParam, type AuthUser } from '@nongsan/core';
import { CreateProductDto, ProductDto, ProductListQueryDto, ProductPageDto, UpdateProductDto } from './product.dto.js';
import { ProductsService } from './products.service.js';

@ApiTags('catalog')
@ApiBearerAuth()
@ApiNotFoundResponse({ type: ErrorResponseDto, description: 'No such product or cooperative, or not yours' })
@Controller()
export class ProductsController {
  constructor(private readonly products: ProductsService) {}

  @Post('cooperatives/:id/products')
  @ApiCreatedResponse({ type: ProductDto, description: 'In draft' })
  create(@CurrentUser() user: AuthUser, @IdParam('id', 'cooperative') id: string, @Body() body: CreateProductDto): Promise<ProductDto> {
    return this.products.create(user, id, body);
  }

  @Get('cooperatives/:id/products')
  @ApiOkResponse({ type: ProductPageDto, description: 'All of the cooperative’s products, drafts included, newest first' })
  list(@CurrentUser() user: AuthUser, @IdParam('id', 'cooperative') id: string, @Query() query: ProductListQueryDto): Promise<ProductPageDto> {
    return this.products.listForCooperative(user, id, query);
  }

  @Get('products/:id')
  @ApiOkResponse({ type: ProductDto })
  get(@CurrentUser() user: AuthUser, @IdParam('id', 'product') id: string): Promise<ProductDto> {
    return this.products.get(user, id);
  }

  @Patch('products/:id')
  @ApiOkResponse({ type: ProductDto })
  update(@CurrentUser() user: AuthUser, @IdParam('id', 'product') id: string, @Body() body: UpdateProductDto): Promise<ProductDto> {
    return this.products.update(user, id, body);
  }

  @Delete('products/:id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Deleted (a draft never published)' })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'PRODUCT_PUBLISHED_BEFORE: archive it instead' })
  async remove(@CurrentUser() user: AuthUser, @IdParam('id', 'product') id: string): Promise<void> {
    await this.products.remove(user, id);
  }

  @Post('products/:id/publish')
  @HttpCode(200)
  @ApiOkResponse({ type: ProductDto, description: 'status: active' })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'COOPERATIVE_NOT_APPROVED' })
  publish(@CurrentUser() user: AuthUser, @IdParam('id', 'product') id: string): Promise<ProductDto> {
    return this.products.publish(user, id);
  }

  @Post('products/:id/archive')
  @HttpCode(200)
  @ApiOkResponse({ type: ProductDto, description: 'status: archived' })
  archive(@CurrentUser() user: AuthUser, @IdParam('id', 'product') id: string): Promise<ProductDto> {
    return this.products.archive(user, id);
  }
}
