import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PageQueryDto, trimString } from '@nongsan/core';
import { Transform } from 'class-transformer';
import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import type { Refund, RefundCause, RefundMethod, RefundStatus } from './refund.entity.js';

export class RefundDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) orderId: string;
  @ApiProperty({ format: 'uuid' }) checkoutId: string;
  @ApiProperty({ format: 'uuid' }) cooperativeId: string;
  @ApiProperty({
    enum: ['cancellation', 'unpaid_order', 'return'],
    description:
      'cancellation: a paid order was cancelled; unpaid_order: money arrived for an order already cancelled; return: goods of a delivered order taken back',
  })
  cause: RefundCause;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'The return it pays back' }) returnId: string | null;
  @ApiProperty({ description: 'Đồng owed back to the buyer' }) amount: number;
  @ApiProperty({ enum: ['pending', 'refunded'] }) status: RefundStatus;
  @ApiProperty({ enum: ['card', 'bank'], description: 'card: back through Stripe; bank: a transfer back from the collector’s account' }) method: RefundMethod;
  @ApiProperty({ nullable: true, type: String, description: 'Stripe’s refund id, or the bank transfer’s reference' }) reference: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) refundedAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export function refundView(r: Refund): RefundDto {
  return {
    id: r.id,
    orderId: r.orderId,
    checkoutId: r.checkoutId,
    cooperativeId: r.cooperativeId,
    cause: r.cause,
    returnId: r.returnId,
    amount: r.amount,
    status: r.status,
    method: r.method,
    reference: r.reference,
    refundedAt: r.refundedAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
  };
}

export class RefundPageDto {
  @ApiProperty({ type: [RefundDto] }) items: RefundDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class RefundListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ['pending', 'refunded'] })
  @IsOptional()
  @IsIn(['pending', 'refunded'])
  status?: RefundStatus;
}

export class TransferReferenceInput {
  @ApiProperty({ example: 'FT26340123456789', description: 'The bank’s reference of the transfer' })
  @Transform(trimString)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  reference: string;
}

export class OptionalTransferReferenceInput {
  @ApiPropertyOptional({ example: 'FT26340123456789', description: 'The bank’s reference of the transfer, when at hand' })
  @IsOptional()
  @Transform(trimString)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  reference?: string;
}
