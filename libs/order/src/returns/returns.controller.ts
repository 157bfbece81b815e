import { Body, Controller, Get, HttpCode, Post, Query, Req, Res, UseInterceptors } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConflictResponse,
  ApiConsumes,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import {
  CurrentUser,
  ErrorResponseDto,
  FileUploadInterceptor,
  IdParam,
  Public,
  requireFile,
  Role,
  Roles,
  type AuthUser,
  type UploadRequest,
} from '@nongsan/core';
import type { Response } from 'express';
import { RETURN_PHOTO_MAX_BYTES, RETURN_PHOTOS_MAX, ReturnPhotosService } from './return-photos.service.js';
import {
  EscalationInput,
  PhotoLinkQuery,
  ReturnAcceptInput,
  ReturnDecisionInput,
  ReturnDto,
  ReturnListQueryDto,
  ReturnPageDto,
  ReturnReasonInput,
  ReturnRequestInput,
} from './returns.dto.js';
import { ReturnsService } from './returns.service.js';

@ApiTags('order')
@ApiBearerAuth()
@ApiNotFoundResponse({ type: ErrorResponseDto, description: 'No such order or return, or not yours' })
@Controller()
export class ReturnsController {
  constructor(
    private readonly returns: ReturnsService,
    private readonly photos: ReturnPhotosService,
  ) {}

  @Post('orders/:id/returns')
  @ApiCreatedResponse({ type: ReturnDto, description: 'The buyer asks to send back some lines of a delivered order, within RETURN_WINDOW_DAYS of delivery' })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'Not delivered (INVALID_STATUS_TRANSITION), or RETURN_WINDOW_CLOSED' })
  request(@CurrentUser() user: AuthUser, @IdParam('id', 'order') id: string, @Body() body: ReturnRequestInput): Promise<ReturnDto> {
    return this.returns.request(user, id, body);
  }

  @Get('orders/:id/returns')
  @ApiOkResponse({ type: ReturnPageDto, description: 'The order’s returns, newest first (its buyer, the cooperative, officials)' })
  forOrder(@CurrentUser() user: AuthUser, @IdParam('id', 'order') id: string, @Query() query: ReturnListQueryDto): Promise<ReturnPageDto> {
    return this.returns.listForOrder(user, id, query);
  }

  @Get('cooperatives/:id/returns')
  @ApiOkResponse({ type: ReturnPageDto, description: 'Returns of the cooperative’s orders, newest first (members, officials)' })
  forCooperative(@CurrentUser() user: AuthUser, @IdParam('id', 'cooperative') id: string, @Query() query: ReturnListQueryDto): Promise<ReturnPageDto> {
    return this.returns.listForCooperative(user, id, query);
  }

  @Get('returns/:id')
  @ApiOkResponse({ type: ReturnDto })
  get(@CurrentUser() user: AuthUser, @IdParam('id', 'return') id: string): Promise<ReturnDto> {
    return this.returns.get(user, id);
  }

  @Post('returns/:id/photos')
  @UseInterceptors(FileUploadInterceptor('file', RETURN_PHOTO_MAX_BYTES))
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: { file: { type: 'string', format: 'binary', description: 'JPEG, PNG or WebP (by content), ≤ 10 MB, ≤ 50 megapixels' } },
    },
  })
  @ApiCreatedResponse({
    type: ReturnDto,
    description: `The buyer adds a photo of the goods (at most ${RETURN_PHOTOS_MAX}) while the cooperative has not answered; stored privately`,
  })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'Answered already (INVALID_STATUS_TRANSITION), or RETURN_PHOTOS_FULL' })
  async addPhoto(@CurrentUser() user: AuthUser, @IdParam('id', 'return') id: string, @Req() request: UploadRequest): Promise<ReturnDto> {
    await this.photos.add(user, id, requireFile(request));
    return this.returns.get(user, id);
  }

  @Public()
  @Get('return-photos/:id')
  @ApiOkResponse({
    description: 'A return’s photo through the link in ReturnDto.photos (signed by the app, good for a few minutes)',
    content: { 'image/webp': { schema: { type: 'string', format: 'binary' } } },
  })
  async photo(@IdParam('id', 'resource') id: string, @Query() query: PhotoLinkQuery, @Res() response: Response): Promise<void> {
    const stored = await this.photos.open(id, query.expires, query.signature);
    response.setHeader('Content-Type', 'image/webp');
    if (stored.size !== undefined) response.setHeader('Content-Length', String(stored.size));
    // The link is the permission: a shared cache must not keep what only its holder may see.
    response.setHeader('Cache-Control', 'private, max-age=600');
    stored.body.pipe(response);
  }

  @Post('returns/:id/accept')
  @HttpCode(200)
  @ApiOkResponse({
    type: ReturnDto,
    description: 'The cooperative takes the goods back: their value is refunded, and they are on sale again if they came back',
  })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'Not waiting for the cooperative (INVALID_STATUS_TRANSITION)' })
  accept(@CurrentUser() user: AuthUser, @IdParam('id', 'return') id: string, @Body() body: ReturnAcceptInput): Promise<ReturnDto> {
    return this.returns.accept(user, id, body);
  }

  @Post('returns/:id/refuse')
  @HttpCode(200)
  @ApiOkResponse({ type: ReturnDto, description: 'The cooperative refuses, saying why; the buyer may escalate once' })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'Not waiting for the cooperative (INVALID_STATUS_TRANSITION)' })
  refuse(@CurrentUser() user: AuthUser, @IdParam('id', 'return') id: string, @Body() body: ReturnReasonInput): Promise<ReturnDto> {
    return this.returns.refuse(user, id, body.reason);
  }

  @Post('returns/:id/escalate')
  @HttpCode(200)
  @ApiOkResponse({ type: ReturnDto, description: 'The buyer asks an official to look at a refusal (once)' })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'Not refused, or escalated already (INVALID_STATUS_TRANSITION)' })
  escalate(@CurrentUser() user: AuthUser, @IdParam('id', 'return') id: string, @Body() body: EscalationInput): Promise<ReturnDto> {
    return this.returns.escalate(user, id, body.note);
  }

  @Get('admin/returns')
  @Roles(Role.Official)
  @ApiForbiddenResponse({ type: ErrorResponseDto })
  @ApiOkResponse({ type: ReturnPageDto, description: 'Every return, newest first; ?status=escalated for those waiting for an official' })
  all(@Query() query: ReturnListQueryDto): Promise<ReturnPageDto> {
    return this.returns.listAll(query);
  }

  @Post('admin/returns/:id/decide')
  @HttpCode(200)
  @Roles(Role.Official)
  @ApiForbiddenResponse({ type: ErrorResponseDto })
  @ApiOkResponse({ type: ReturnDto, description: 'An official’s final decision on an escalated return' })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'Not escalated (INVALID_STATUS_TRANSITION)' })
  decide(@CurrentUser() user: AuthUser, @IdParam('id', 'return') id: string, @Body() body: ReturnDecisionInput): Promise<ReturnDto> {
    return this.returns.settleEscalated(user, id, body);
  }
}
