import { ApiProperty } from '@nestjs/swagger';
import { IsEnum } from 'class-validator';
import { DocumentKind } from '../cooperatives/cooperative.entities.js';

export class UploadDocumentDto {
  @ApiProperty({ enum: DocumentKind })
  @IsEnum(DocumentKind)
  kind: DocumentKind;
}

export class DocumentDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: DocumentKind }) kind: DocumentKind;
  @ApiProperty({ example: 'Giấy chứng nhận đăng ký HTX.pdf' }) fileName: string;
  @ApiProperty({ example: 'application/pdf', description: 'Detected from the content' }) contentType: string;
  @ApiProperty({ example: 482133 }) sizeBytes: number;
  @ApiProperty({ format: 'date-time' }) uploadedAt: string;
}

export class DocumentListDto {
  @ApiProperty({ type: [DocumentDto] }) items: DocumentDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: null;
}

export class DownloadDto {
  @ApiProperty({ description: 'Presigned URL; works for a few minutes only' }) url: string;
  @ApiProperty({ format: 'date-time' }) expiresAt: string;
}
