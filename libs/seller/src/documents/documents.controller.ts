import { Body, Controller, Delete, Get, HttpCode, Post, Req, UseInterceptors } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiPayloadTooLargeResponse,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentUser, ErrorResponseDto, FileUploadInterceptor, IdParam, requireFile, type AuthUser, type UploadRequest } from '@nongsan/core';
import { DocumentKind } from '../cooperatives/cooperative.entities.js';
import { DocumentDto, DocumentListDto, DownloadDto, UploadDocumentDto } from './documents.dto.js';
import { DOCUMENT_MAX_BYTES, DocumentsService } from './documents.service.js';

@ApiTags('seller')
@ApiBearerAuth()
@ApiNotFoundResponse({ type: ErrorResponseDto })
@Controller('cooperatives/:id/documents')
export class DocumentsController {
  constructor(private readonly documents: DocumentsService) {}

  @Post()
  @UseInterceptors(FileUploadInterceptor('file', DOCUMENT_MAX_BYTES))
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file', 'kind'],
      properties: {
        file: { type: 'string', format: 'binary', description: 'PDF, JPEG, PNG or WebP (checked by content), ≤ 10 MB' },
        kind: { type: 'string', enum: Object.values(DocumentKind) },
      },
    },
  })
  @ApiCreatedResponse({ type: DocumentDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'UNSUPPORTED_FILE_TYPE, or a missing file/kind' })
  @ApiPayloadTooLargeResponse({ type: ErrorResponseDto, description: 'FILE_TOO_LARGE' })
  upload(
    @CurrentUser() user: AuthUser,
    @IdParam('id', 'cooperative') id: string,
    @Body() body: UploadDocumentDto,
    @Req() request: UploadRequest,
  ): Promise<DocumentDto> {
    return this.documents.upload(user, id, body.kind, requireFile(request));
  }

  @Get()
  @ApiOkResponse({ type: DocumentListDto })
  async list(@CurrentUser() user: AuthUser, @IdParam('id', 'cooperative') id: string): Promise<DocumentListDto> {
    return { items: await this.documents.list(user, id), nextCursor: null };
  }

  @Get(':documentId/download')
  @ApiOkResponse({ type: DownloadDto })
  download(
    @CurrentUser() user: AuthUser,
    @IdParam('id', 'cooperative') id: string,
    @IdParam('documentId', 'document') documentId: string,
  ): Promise<DownloadDto> {
    return this.documents.downloadUrl(user, id, documentId);
  }

  @Delete(':documentId')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Deleted (only in draft, or after a rejection)' })
  async remove(@CurrentUser() user: AuthUser, @IdParam('id', 'cooperative') id: string, @IdParam('documentId', 'document') documentId: string): Promise<void> {
    await this.documents.remove(user, id, documentId);
  }
}
