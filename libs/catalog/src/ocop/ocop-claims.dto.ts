import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PageQueryDto, trimString } from '@nongsan/core';
import { Transform } from 'class-transformer';
import { IsEnum, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { OcopStatus } from '../products/product.entities.js';

export class OcopClaimQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: OcopStatus, default: OcopStatus.Pending })
  @IsOptional()
  @IsEnum(OcopStatus)
  status?: OcopStatus;
}

export class OcopRejectionDto {
  @ApiProperty({ example: 'Số quyết định không khớp với giấy chứng nhận đã tải lên.', maxLength: 2000, description: 'Shown to the cooperative' })
  @Transform(trimString)
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason: string;
}

export class OcopClaimCooperativeDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
}

export class OcopCertificateDocumentDto {
  @ApiProperty({ format: 'uuid', description: 'Open it through GET /cooperatives/{cooperativeId}/documents/{id}/download' }) id: string;
  @ApiProperty({ example: 'ocop_certificate' }) kind: string;
  @ApiProperty() fileName: string;
}

export class OcopClaimDto {
  @ApiProperty({ format: 'uuid' }) productId: string;
  @ApiProperty() productName: string;
  @ApiProperty({ type: OcopClaimCooperativeDto }) cooperative: OcopClaimCooperativeDto;
  @ApiProperty({ minimum: 3, maximum: 5 }) stars: number;
  @ApiProperty({ example: '123/QĐ-UBND', description: 'Number of the issuing decision' }) certificateNumber: string;
  @ApiProperty({ format: 'date' }) issuedAt: string;
  @ApiProperty({ format: 'date' }) expiresAt: string;
  @ApiProperty({ enum: OcopStatus }) status: OcopStatus;
  @ApiPropertyOptional({ description: 'Only when rejected' }) rejectionReason?: string;
  @ApiPropertyOptional({ type: OcopCertificateDocumentDto, description: 'The cooperative’s most recent OCOP certificate paper, when it uploaded one' })
  certificateDocument?: OcopCertificateDocumentDto;
}

export class OcopClaimPageDto {
  @ApiProperty({ type: [OcopClaimDto], description: 'Oldest product first' }) items: OcopClaimDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
