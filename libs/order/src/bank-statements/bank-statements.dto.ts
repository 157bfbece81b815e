import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { JobStatus, PageQueryDto } from '@nongsan/core';
import { IsIn, IsOptional } from 'class-validator';
import type { StatementLineStatus } from './bank-statement.entities.js';

export const LINE_STATUSES: readonly StatementLineStatus[] = ['matched', 'short', 'over', 'unmatched', 'duplicate'];

export class StatementAcceptedDto {
  @ApiProperty({ format: 'uuid', description: 'Poll GET /jobs/{jobId} for progress and unreadable rows' }) jobId: string;
  @ApiProperty({ format: 'uuid', description: 'GET /admin/bank-statements/{statementId} lists the lines and what each was found to be' }) statementId: string;
}

export class StatementLineDto {
  @ApiProperty({ description: 'Row as the spreadsheet numbers it' }) row: number;
  @ApiProperty({ example: '2026-12-05', description: 'Booking date' }) date: string;
  @ApiProperty({ description: 'Đồng credited' }) amount: number;
  @ApiProperty() description: string;
  @ApiProperty({ nullable: true, type: String, description: 'The bank’s own reference, when its export has one' }) bankReference: string | null;
  @ApiProperty({
    enum: LINE_STATUSES,
    description:
      'matched: paid its checkout (or reconciled one confirmed by hand); short/over: a checkout’s reference with another amount than due; unmatched: no known reference; duplicate: this bank line was imported before and counted then',
  })
  status: StatementLineStatus;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) checkoutId: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'NS4K7P2QXM' }) checkoutReference: string | null;
  @ApiProperty({ nullable: true, type: Number, description: 'What the checkout wanted when the line was read' }) amountDue: number | null;
}

export class StatementCountsDto {
  @ApiProperty() matched: number;
  @ApiProperty() short: number;
  @ApiProperty() over: number;
  @ApiProperty() unmatched: number;
  @ApiProperty() duplicate: number;
}

export class StatementLinePageDto {
  @ApiProperty({ type: [StatementLineDto] }) items: StatementLineDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class StatementDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() fileName: string;
  @ApiProperty({ format: 'uuid' }) jobId: string;
  @ApiProperty({ enum: JobStatus, description: 'The reading job: lines appear as it goes' }) status: JobStatus;
  @ApiProperty({ type: StatementCountsDto }) counts: StatementCountsDto;
  @ApiProperty({ type: StatementLinePageDto, description: 'In the file’s order' }) lines: StatementLinePageDto;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class StatementSummaryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() fileName: string;
  @ApiProperty({ format: 'uuid' }) jobId: string;
  @ApiProperty({ enum: JobStatus }) status: JobStatus;
  @ApiProperty({ type: StatementCountsDto }) counts: StatementCountsDto;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class StatementPageDto {
  @ApiProperty({ type: [StatementSummaryDto] }) items: StatementSummaryDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class StatementQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: LINE_STATUSES, description: 'Only lines in this status (e.g. the ones a person must resolve)' })
  @IsOptional()
  @IsIn(LINE_STATUSES)
  status?: StatementLineStatus;
}
