import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsNotEmpty, IsString, Max, MaxLength, Min } from 'class-validator';
import type { LedgerKind } from './ledger-entry.entity.js';
import { trimString } from '@nongsan/core';

export class PayoutInput {
  @ApiProperty({ example: 1250000, description: 'Đồng transferred to the cooperative' })
  @IsInt()
  @Min(1)
  @Max(1_000_000_000_000)
  amount: number;

  @ApiProperty({ example: 'UNC 2026-11-29 Vietcombank FT2633401', description: 'Bank transfer reference' })
  @Transform(trimString)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  reference: string;
}

export class LedgerEntryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['order_earning', 'commission_due', 'payout', 'refund'], description: 'refund: an order’s earning given back to its buyer' }) kind: LedgerKind;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) orderId: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'The refund a `refund` entry belongs to' }) refundId: string | null;
  @ApiProperty({ description: 'Signed đồng: + owed to the cooperative, − paid out or owed to the platform' }) amount: number;
  @ApiProperty({ nullable: true, type: String }) reference: string | null;
  @ApiProperty({ format: 'date-time' }) at: string;
}

export class LedgerDto {
  @ApiProperty({ description: 'What the platform owes the cooperative now, refunds taken off (negative: the cooperative owes commission)' }) balance: number;
  @ApiProperty({ description: 'What can be paid out now: the balance less the money of paid orders not yet delivered' }) available: number;
  @ApiProperty({ type: [LedgerEntryDto] }) items: LedgerEntryDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
