import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PageQueryDto } from '@nongsan/core';
import { IsIn, IsOptional } from 'class-validator';

export class TransferBuyerDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() fullName: string;
  @ApiProperty() email: string;
  @ApiProperty({ nullable: true, type: String }) phone: string | null;
}

export class TransferCooperativeDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ description: 'What this cooperative’s order adds to the transfer' }) total: number;
}

export class AwaitingTransferDto {
  @ApiProperty({ format: 'uuid', description: 'The checkout; confirm with POST /admin/checkouts/{id}/payment-received' }) id: string;
  @ApiProperty({ example: 'NS4K7P2QXM', description: 'The transfer reference the buyer was asked to write in the description' }) reference: string;
  @ApiProperty({ description: 'Đồng the transfer must carry' }) amountDue: number;
  @ApiProperty({ type: TransferBuyerDto }) buyer: TransferBuyerDto;
  @ApiProperty({ type: [TransferCooperativeDto], description: 'In the checkout’s order' }) cooperatives: TransferCooperativeDto[];
  @ApiProperty({ format: 'date-time', description: 'When the buyer checked out' }) createdAt: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: 'When its unpaid orders expire' }) dueAt: string | null;
}

export class AwaitingTransferPageDto {
  @ApiProperty({ type: [AwaitingTransferDto] }) items: AwaitingTransferDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export const CHECKOUT_LIST_STATUSES = ['awaiting_transfer'] as const;

export class CollectorCheckoutQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    enum: CHECKOUT_LIST_STATUSES,
    default: 'awaiting_transfer',
    description: 'awaiting_transfer: VietQR checkouts whose money has not been seen yet',
  })
  @IsOptional()
  @IsIn(CHECKOUT_LIST_STATUSES)
  status?: (typeof CHECKOUT_LIST_STATUSES)[number];
}
