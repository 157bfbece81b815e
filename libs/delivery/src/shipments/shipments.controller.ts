import { Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiProduces,
  ApiQuery,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { AppException, CurrentUser, ErrorResponseDto, IdParam, Public, type AuthUser } from '@nongsan/core';
import type { Request, Response } from 'express';
import { ShipmentsService } from './shipments.service.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

@ApiTags('delivery')
@Controller()
export class ShipmentsController {
  constructor(private readonly shipments: ShipmentsService) {}

  @Public()
  @Post('carrier-webhooks/:carrier/:accountId')
  @HttpCode(200)
  @ApiQuery({ name: 'hash', description: "The secret of the account's webhook address (GET /cooperatives/{id}/carriers shows it to admins)" })
  @ApiOkResponse({
    description: 'Taken (GHN posts JSON and resends until 200; GHTK posts form fields); a replay or a status behind the known one changes nothing',
  })
  @ApiUnauthorizedResponse({ type: ErrorResponseDto, description: 'CARRIER_WEBHOOK_REFUSED: the hash is not the account’s; nothing done' })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  async webhook(
    @Param('carrier') carrier: string,
    @IdParam('accountId', 'carrierAccount') accountId: string,
    @Query('hash') hash: unknown,
    @Req() request: Request & { rawBody?: Buffer },
  ): Promise<void> {
    await this.shipments.receive(carrier, accountId, typeof hash === 'string' ? hash : undefined, {
      query: {},
      headers: request.headers,
      rawBody: request.rawBody ?? Buffer.alloc(0),
    });
  }

  @ApiBearerAuth()
  @Get('orders/:id/shipment/label')
  @ApiProduces('application/json', 'application/pdf')
  @ApiOkResponse({ description: "GHN: `{url}` of the carrier's print page (valid 30 minutes); GHTK: the label PDF" })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'SHIPMENT_NOT_BOOKED' })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  async label(@CurrentUser() user: AuthUser, @IdParam('id', 'order') id: string, @Res() response: Response): Promise<void> {
    send(response, await this.shipments.labels(user, [id]));
  }

  @ApiBearerAuth()
  @Get('cooperatives/:id/shipments/labels')
  @ApiQuery({ name: 'orderIds', description: 'Comma-separated order ids of one carrier (GHN prints many on one page)' })
  @ApiProduces('application/json', 'application/pdf')
  @ApiOkResponse({ description: "`{url}` of the carrier's print page with every label (GHN), or the label PDF (GHTK, one order)" })
  @ApiBadRequestResponse({ type: ErrorResponseDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  async labels(
    @CurrentUser() user: AuthUser,
    @IdParam('id', 'cooperative') cooperativeId: string,
    @Query('orderIds') orderIds: unknown,
    @Res() response: Response,
  ): Promise<void> {
    const ids =
      typeof orderIds === 'string'
        ? orderIds
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean)
        : [];
    if (ids.length === 0 || ids.length > 100 || ids.some((i) => !UUID.test(i)))
      throw AppException.validation([{ field: 'orderIds', key: 'validation.isUuid' }]);
    send(response, await this.shipments.labels(user, ids, cooperativeId));
  }
}

/** A page to open is answered as JSON, not a redirect: the portal calls with a bearer token and opens the page itself. */
function send(response: Response, label: { url: string } | { pdf: Buffer }): void {
  if ('url' in label) return void response.json({ url: label.url });
  response.setHeader('content-type', 'application/pdf');
  response.setHeader('content-disposition', 'inline; filename="nhan-van-don.pdf"');
  response.end(label.pdf);
}
