import { Controller, Get, Injectable } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { Public } from '@nongsan/core';
import type { DataSource } from 'typeorm';

export class CategoryDto {
  @ApiProperty({ example: 'fish-sauce' }) id: string;
  @ApiProperty({ nullable: true, type: String, example: 'seafood' }) parentId: string | null;
  @ApiProperty({ example: 'Nước mắm' }) name: string;
  @ApiProperty({ example: 'Fish sauce' }) nameEn: string;
  @ApiProperty({ example: 'food' }) ocopGroup: string;
  @ApiProperty({ example: 'Thực phẩm' }) ocopGroupName: string;
}

export class CategoryListDto {
  @ApiProperty({ type: [CategoryDto], description: 'Parents before their children, in display order' }) items: CategoryDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: null;
}

@Injectable()
export class CategoriesService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async list(): Promise<CategoryDto[]> {
    const rows = await this.db.query<Array<{ id: string; parent_id: string | null; name_vi: string; name_en: string; ocop_group: string; group_name: string }>>(
      `SELECT c.id, c.parent_id, c.name_vi, c.name_en, c.ocop_group, g.name_vi AS group_name
         FROM categories c JOIN ocop_product_groups g ON g.code = c.ocop_group
        ORDER BY c.position`,
    );
    return rows.map((r) => ({ id: r.id, parentId: r.parent_id, name: r.name_vi, nameEn: r.name_en, ocopGroup: r.ocop_group, ocopGroupName: r.group_name }));
  }
}

@ApiTags('catalog')
@Public()
@Controller('catalog/categories')
export class CategoriesController {
  constructor(private readonly categories: CategoriesService) {}

  @Get()
  @ApiOkResponse({ type: CategoryListDto })
  async list(): Promise<CategoryListDto> {
    return { items: await this.categories.list(), nextCursor: null };
  }
}
