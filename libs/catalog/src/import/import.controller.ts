import { Controller, Get, HttpCode, Post, Req, StreamableFile, UseInterceptors } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiPayloadTooLargeResponse,
  ApiProduces,
  ApiProperty,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentUser, ErrorResponseDto, FileUploadInterceptor, IdParam, Public, requireFile, type AuthUser, type UploadRequest } from '@nongsan/core';
import { ImportTemplateService } from './import-template.js';
import { IMPORT_MAX_BYTES, ProductImportService, XLSX_MIME } from './product-import.service.js';

export class ImportAcceptedDto {
  @ApiProperty({ format: 'uuid', description: 'Poll GET /jobs/{jobId} for progress and per-row errors' }) jobId: string;
}

@ApiTags('catalog')
@Controller()
export class ImportController {
  constructor(
    private readonly imports: ProductImportService,
    private readonly template: ImportTemplateService,
  ) {}

  @Post('cooperatives/:id/imports')
  @HttpCode(202)
  @ApiBearerAuth()
  @UseInterceptors(FileUploadInterceptor('file', IMPORT_MAX_BYTES))
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: {
        file: {
          type: 'string',
          format: 'binary',
          description: '.xlsx, or .csv in UTF-8 (by content), ≤ 20 MB; columns as in GET /catalog/import-template.xlsx',
        },
      },
    },
  })
  @ApiAcceptedResponse({ type: ImportAcceptedDto, description: 'Queued: rows are upserted by SKU, new products as drafts' })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'UNSUPPORTED_FILE_TYPE, or no file' })
  @ApiPayloadTooLargeResponse({ type: ErrorResponseDto, description: 'FILE_TOO_LARGE' })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'No such cooperative, or not a member of it' })
  upload(@CurrentUser() user: AuthUser, @IdParam('id', 'cooperative') id: string, @Req() request: UploadRequest): Promise<ImportAcceptedDto> {
    return this.imports.enqueue(user, id, requireFile(request));
  }

  @Public()
  @Get('catalog/import-template.xlsx')
  @ApiProduces(XLSX_MIME)
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' }, description: 'The spreadsheet to fill in, with a sheet explaining each column' })
  async downloadTemplate(): Promise<StreamableFile> {
    return new StreamableFile(await this.template.build(), { type: XLSX_MIME, disposition: 'attachment; filename="nongsan-nhap-san-pham.xlsx"' });
  }
}
