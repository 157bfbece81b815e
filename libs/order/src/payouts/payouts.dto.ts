import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { Type } from 'class-transformer';
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
  @ApiProperty({
    enum: ['order_earning', 'commission_due', 'payout', 'refund', 'vat_withheld', 'pit_withheld'],
    description:
      'refund: an order’s earning given back to its buyer; vat_withheld, pit_withheld: tax withheld on a household seller’s order (Decree 117/2025), positive when a refund offsets it',
  })
  kind: LedgerKind;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) orderId: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'The refund a `refund` entry belongs to' }) refundId: string | null;
  @ApiProperty({ description: 'Signed đồng: + owed to the cooperative, − paid out or owed to the platform' }) amount: number;
  @ApiProperty({ nullable: true, type: String }) reference: string | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Withheld tax: the goods revenue it was computed on' }) taxBase: number | null;
  @ApiProperty({ format: 'date-time' }) at: string;
}

export class LedgerDto {
  @ApiProperty({ description: 'What the platform owes the cooperative now, refunds taken off (negative: the cooperative owes commission)' }) balance: number;
  @ApiProperty({ description: 'What can be paid out now: the balance less the money of paid orders not yet delivered' }) available: number;
  @ApiProperty({ type: [LedgerEntryDto] }) items: LedgerEntryDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class PayoutQrQueryDto {
  @ApiPropertyOptional({ example: 1250000, description: 'Đồng to pay; default: everything available' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1_000_000_000_000)
  amount?: number;
}

export class PayoutQrDto {
  @ApiProperty({ description: 'Đồng the code asks for' }) amount: number;
  @ApiProperty({ example: '970436' }) bankBin: string;
  @ApiProperty({ example: 'Vietcombank' }) bankName: string;
  @ApiProperty() accountNumber: string;
  @ApiProperty() accountName: string;
  @ApiProperty({ example: 'NONGSAN CHI TRA 1A2B3C4D', description: 'The transfer description the code carries' }) purpose: string;
  @ApiProperty({ description: 'EMVCo payload (what the QR encodes)' }) payload: string;
  @ApiProperty({ description: 'PNG data URL of the QR code' }) imageDataUrl: string;
}
