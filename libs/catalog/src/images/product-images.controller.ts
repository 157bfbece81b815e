import { Body, Controller, Delete, HttpCode, Post, Put, Req, UseInterceptors } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiProperty,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentUser, ErrorResponseDto, FileUploadInterceptor, IdParam, requireFile, type AuthUser, type UploadRequest } from '@nongsan/core';
import { ArrayMaxSize, IsArray, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { ProductDto } from '../products/product.dto.js';
import { IMAGE_MAX_BYTES, ProductImagesService } from './product-images.service.js';

export class ImageUploadDto {
  @ApiProperty({ required: false, description: 'Alternative text for screen readers', maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  alt?: string;
}

export class ImageOrderDto {
  @ApiProperty({ type: [String], description: 'All image ids of the product, first = cover' })
  @IsArray()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true })
  imageIds: string[];
}

@ApiTags('catalog')
@ApiBearerAuth()
@ApiNotFoundResponse({ type: ErrorResponseDto })
@Controller('products/:id/images')
export class ProductImagesController {
  constructor(private readonly images: ProductImagesService) {}

  @Post()
  @UseInterceptors(FileUploadInterceptor('file', IMAGE_MAX_BYTES))
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: { file: { type: 'string', format: 'binary', description: 'JPEG, PNG or WebP (by content), ≤ 10 MB' }, alt: { type: 'string' } },
    },
  })
  @ApiCreatedResponse({ type: ProductDto, description: 'The product with its images (320 and 1024 px WebP URLs)' })
  upload(
    @CurrentUser() user: AuthUser,
    @IdParam('id', 'product') id: string,
    @Body() body: ImageUploadDto,
    @Req() request: UploadRequest,
  ): Promise<ProductDto> {
    return this.images.upload(user, id, requireFile(request), body.alt?.trim() || null);
  }

  @Put('order')
  @ApiOkResponse({ type: ProductDto })
  reorder(@CurrentUser() user: AuthUser, @IdParam('id', 'product') id: string, @Body() body: ImageOrderDto): Promise<ProductDto> {
    return this.images.reorder(user, id, body.imageIds);
  }

  @Delete(':imageId')
  @HttpCode(204)
  @ApiNoContentResponse()
  async remove(@CurrentUser() user: AuthUser, @IdParam('id', 'product') id: string, @IdParam('imageId', 'image') imageId: string): Promise<void> {
    await this.images.remove(user, id, imageId);
  }
}
