import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { trimString } from '../text/text.js';

export class WardQueryDto {
  @ApiPropertyOptional({ description: 'Only wards that (partly) lie in this former district', example: '549' })
  @IsOptional()
  @Matches(/^\d{3}$/)
  formerDistrictCode?: string;

  @ApiPropertyOptional({ description: 'Former province, e.g. "Bình Định"', example: 'Bình Định' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  formerProvince?: string;

  @ApiPropertyOptional({ description: 'Name search, accents optional ("nhon loc")' })
  @IsOptional()
  @Transform(trimString)
  @IsString()
  @MaxLength(100)
  q?: string;
}

export class WardDto {
  @ApiProperty({ example: '21868' }) code: string;
  @ApiProperty({ example: 'An Nhơn' }) name: string;
  @ApiProperty({ example: 'phường', enum: ['phường', 'xã'] }) type: string;
  @ApiProperty({ example: '52' }) provinceCode: string;
  @ApiProperty({ example: 'Bình Định' }) formerProvince: string;
  @ApiProperty({ type: [String], example: ['549'] }) formerDistrictCodes: string[];
}

export class WardListDto {
  @ApiProperty({ type: [WardDto] }) items: WardDto[];
  @ApiProperty({ nullable: true, type: String, description: 'Always null: the list is complete' }) nextCursor: null;
}

export class FormerDistrictDto {
  @ApiProperty({ example: '549' }) code: string;
  @ApiProperty({ example: 'An Nhơn' }) name: string;
  @ApiProperty({ example: 'thị xã' }) type: string;
  @ApiProperty({ example: 'Bình Định' }) formerProvince: string;
}

export class FormerDistrictListDto {
  @ApiProperty({ type: [FormerDistrictDto] }) items: FormerDistrictDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: null;
}
