import { Controller, Get, HttpCode, Post, Query, Req, UseInterceptors } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiPayloadTooLargeResponse,
  ApiTags,
} from '@nestjs/swagger';
import {
  CurrentUser,
  ErrorResponseDto,
  FileUploadInterceptor,
  IdParam,
  PageQueryDto,
  requireFile,
  Role,
  Roles,
  type AuthUser,
  type UploadRequest,
} from '@nongsan/core';
import { StatementAcceptedDto, StatementDto, StatementPageDto, StatementQueryDto } from './bank-statements.dto.js';
import { BankStatementsService, STATEMENT_MAX_BYTES } from './bank-statements.service.js';

@ApiTags('order')
@ApiBearerAuth()
@Roles(Role.Finance)
@ApiForbiddenResponse({ type: ErrorResponseDto, description: 'Not an admin or an official with the finance permission' })
@Controller('admin/bank-statements')
export class BankStatementsController {
  constructor(private readonly statements: BankStatementsService) {}

  @Post()
  @HttpCode(202)
  @UseInterceptors(FileUploadInterceptor('file', STATEMENT_MAX_BYTES))
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: {
        file: {
          type: 'string',
          format: 'binary',
          description:
            'The bank’s export of the collector’s account: .xlsx, or .csv in UTF-8, ≤ 10 MB; columns found by their headers (date, credit amount, description; a bank reference if any)',
        },
      },
    },
  })
  @ApiAcceptedResponse({ type: StatementAcceptedDto, description: 'Queued: each credit line is matched to a checkout by the reference in its description' })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'UNSUPPORTED_FILE_TYPE, no file, or VALIDATION_FAILED naming the column that was not found' })
  @ApiPayloadTooLargeResponse({ type: ErrorResponseDto, description: 'FILE_TOO_LARGE' })
  upload(@CurrentUser() user: AuthUser, @Req() request: UploadRequest): Promise<StatementAcceptedDto> {
    return this.statements.upload(user, requireFile(request));
  }

  @Get()
  @ApiOkResponse({ type: StatementPageDto, description: 'Statements uploaded so far, newest first, with their lines counted by status' })
  list(@Query() query: PageQueryDto): Promise<StatementPageDto> {
    return this.statements.list(query);
  }

  @Get(':id')
  @ApiOkResponse({ type: StatementDto, description: 'The statement’s lines in file order, each with what it was found to be' })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  view(@IdParam('id', 'bankStatement') id: string, @Query() query: StatementQueryDto): Promise<StatementDto> {
    return this.statements.view(id, query);
  }
}
