import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PageQueryDto, trimString } from '@nongsan/core';
import { Transform } from 'class-transformer';
import { IsEnum, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { OrderDto } from '../checkout/checkout.dto.js';
import { OrderStatus } from './order-status.js';

export class OrderListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: OrderStatus })
  @IsOptional()
  @IsEnum(OrderStatus)
  status?: OrderStatus;

  @ApiPropertyOptional({
    example: 'shopee',
    description: 'Where the order was placed: `web` for this storefront, else the platform (`shopee`, `lazada`, `tiktok-shop`…)',
  })
  @IsOptional()
  @Matches(/^[a-z][a-z0-9-]{1,39}$/)
  channel?: string;
}

export class OrderPageDto {
  @ApiProperty({ type: [OrderDto] }) items: OrderDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class OrderTotalsDto {
  @ApiProperty() orders: number;
  @ApiProperty({ description: 'Đồng' }) itemsTotal: number;
  @ApiProperty({ description: 'Đồng, shipping included' }) total: number;
}

export class CooperativeOrdersDto extends OrderPageDto {
  @ApiProperty({ type: OrderTotalsDto, description: 'Over every order matching the filter, not just this page' }) totals: OrderTotalsDto;
}

export class ShipDto {
  @ApiProperty({ example: 'Viettel Post' })
  @Transform(trimString)
  @IsString()
  @IsNotEmpty()
  @MaxLength(60)
  carrier: string;

  @ApiProperty({ example: 'VTP123456789' })
  @Transform(trimString)
  @IsString()
  @IsNotEmpty()
  @MaxLength(60)
  trackingNumber: string;
}

export class CancelDto {
  @ApiPropertyOptional({ example: 'Hết hàng mùa này' })
  @IsOptional()
  @Transform(trimString)
  @IsString()
  @MaxLength(500)
  reason?: string;
}
