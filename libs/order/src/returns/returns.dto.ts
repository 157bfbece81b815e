import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PageQueryDto, trimString } from '@nongsan/core';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { RefundDto } from '../refunds/refunds.dto.js';
import type { ReturnStatus } from './order-return.entity.js';

export const RETURN_STATUSES: readonly ReturnStatus[] = ['requested', 'accepted', 'refused', 'escalated'];

export class ReturnLineInput {
  @ApiProperty({ format: 'uuid', description: 'A variant bought in the order' })
  @IsUUID()
  variantId: string;

  @ApiProperty({ minimum: 1, description: 'At most what was bought, less what earlier returns took' })
  @IsInt()
  @Min(1)
  quantity: number;
}

export class ReturnRequestInput {
  @ApiProperty({ type: [ReturnLineInput], minItems: 1 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => ReturnLineInput)
  lines: ReturnLineInput[];

  @ApiProperty({ example: 'Hai chai bị nứt khi nhận hàng', maxLength: 2000 })
  @Transform(trimString)
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason: string;
}

export class ReturnReasonInput {
  @ApiProperty({ example: 'Sản phẩm đã mở nắp, không nhận lại được', maxLength: 2000 })
  @Transform(trimString)
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason: string;
}

export class ReturnAcceptInput {
  @ApiProperty({ description: 'The goods came back: they go back on sale' })
  @IsBoolean()
  goodsReturned: boolean;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @Transform(trimString)
  @IsString()
  @MaxLength(2000)
  reason?: string;
}

export class ReturnDecisionInput {
  @ApiProperty({ enum: ['accept', 'refuse'] })
  @IsIn(['accept', 'refuse'])
  decision: 'accept' | 'refuse';

  @ApiProperty({ example: 'Ảnh cho thấy hàng vỡ khi vận chuyển: hoàn tiền cho người mua.', maxLength: 2000 })
  @Transform(trimString)
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason: string;

  @ApiPropertyOptional({ description: 'With accept: whether the goods came back (default false)' })
  @IsOptional()
  @IsBoolean()
  goodsReturned?: boolean;
}

export class ReturnLineDto {
  @ApiProperty({ format: 'uuid' }) variantId: string;
  @ApiProperty() sku: string;
  @ApiProperty() productName: string;
  @ApiProperty() variantName: string;
  @ApiProperty() unitPrice: number;
  @ApiProperty() quantity: number;
  @ApiProperty() lineTotal: number;
}

export class PhotoLinkQuery {
  @ApiProperty({ description: 'Unix seconds the link stops working' })
  @Type(() => Number)
  @IsInt()
  expires: number;

  @ApiProperty()
  @IsString()
  @MaxLength(100)
  signature: string;
}

export class ReturnPhotoDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ description: 'A root-relative link, signed by the app, that works for 10 minutes (the photo is private)' }) url: string;
  @ApiProperty() width: number;
  @ApiProperty() height: number;
}

export class ReturnDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) orderId: string;
  @ApiProperty({ format: 'uuid' }) cooperativeId: string;
  @ApiProperty({ enum: RETURN_STATUSES }) status: ReturnStatus;
  @ApiProperty({ type: [ReturnLineDto] }) lines: ReturnLineDto[];
  @ApiProperty({ description: 'Đồng of the goods sent back (shipping is not refunded)' }) amount: number;
  @ApiProperty() reason: string;
  @ApiProperty({ nullable: true, type: String, description: 'Why it was refused, or a note with the acceptance' }) decisionReason: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) decidedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) escalationNote: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) escalatedAt: string | null;
  @ApiProperty({ nullable: true, type: Boolean }) goodsReturned: boolean | null;
  @ApiProperty({ type: RefundDto, nullable: true, description: 'The refund an accepted return ends in' }) refund: RefundDto | null;
  @ApiProperty({ type: [ReturnPhotoDto], description: 'The buyer’s photos of the goods, oldest first' }) photos: ReturnPhotoDto[];
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class ReturnPageDto {
  @ApiProperty({ type: [ReturnDto] }) items: ReturnDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class ReturnListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: RETURN_STATUSES })
  @IsOptional()
  @IsIn(RETURN_STATUSES)
  status?: ReturnStatus;
}

export class EscalationInput {
  @ApiProperty({ example: 'Hợp tác xã không nhận lại dù hàng vỡ khi giao', maxLength: 2000 })
  @Transform(trimString)
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  note: string;
}
