import { Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AppConfig, AppException, ErrorResponseDto, IdParam, Public, publicOrigin } from '@nongsan/core';
import type { Request } from 'express';
import type { DataSource } from 'typeorm';
import { ChannelRegistry } from '../adapters/registry.js';
import { channelError } from '../channels.errors.js';
import { ChannelConnection } from '../connections/channel-connection.entity.js';
import { ConnectionStore } from '../connections/connection-store.js';
import { ChannelOrdersService } from './channel-orders.service.js';

/**
 * A platform's push: checked against the connection's own secret on the raw bytes,
 * then turned into a queued import of the order it names, so the answer is quick and a replay
 * only queues a fetch that changes nothing.
 */
@Injectable()
export class ChannelWebhooks {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly store: ConnectionStore,
    private readonly registry: ChannelRegistry,
    private readonly orders: ChannelOrdersService,
    private readonly config: AppConfig,
  ) {}

  async receive(connectionId: string, url: string, rawBody: Buffer, headers: Record<string, string | undefined>): Promise<void> {
    const opened = await this.store.context(connectionId);
    if (!opened) throw AppException.notFound('channel');
    const event = this.registry.adapter(opened.connection.platform).verifyWebhook(opened.context.credentials, { url, rawBody, headers });
    if (!event) throw channelError('WEBHOOK_SIGNATURE_INVALID');
    if (event.kind === 'order') await this.orders.requestImport(connectionId, event.externalOrderId);
    if (event.kind === 'authorization') {
      await this.db.getRepository(ChannelConnection).update({ id: connectionId }, { status: 'needs_attention', lastError: event.message, lastErrorCode: null });
    }
  }

  /** The address the platform posted to, as it signed it. */
  urlOf(request: Request): string {
    return `${publicOrigin(request, this.config)}${request.originalUrl}`;
  }
}

@ApiTags('channels')
@Public()
@Controller('channels')
export class ChannelWebhookController {
  constructor(private readonly webhooks: ChannelWebhooks) {}

  @Post(':id/webhook')
  @HttpCode(200)
  @ApiOkResponse({
    description: 'Accepted with an empty body (Shopee takes any 2xx; Lazada and TikTok Shop resend unless it is 200); the named order is imported shortly',
  })
  @ApiUnauthorizedResponse({ type: ErrorResponseDto, description: 'WEBHOOK_SIGNATURE_INVALID: nothing done' })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'No such live connection' })
  async receive(@IdParam('id', 'channel') id: string, @Req() request: Request & { rawBody?: Buffer }): Promise<void> {
    const headers = Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : v]));
    await this.webhooks.receive(id, this.webhooks.urlOf(request), request.rawBody ?? Buffer.alloc(0), headers);
  }
}
