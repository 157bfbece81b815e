import { Readable } from 'node:stream';
import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { AppConfig, ErrorResponseDto, hideInLoggedUrls, Public, publicOrigin } from '@nongsan/core';
import type { Request, Response } from 'express';
import { FeedsService } from './feeds.service.js';

// A feed's URL is its only credential (GET /api/v1/feeds/<token>/…): it must not reach the logs.
hideInLoggedUrls(/\/feeds\/[^/?]+/, '/feeds/[token]');

@ApiTags('channels')
@Public()
@Controller('feeds')
export class FeedsController {
  constructor(
    private readonly feeds: FeedsService,
    private readonly config: AppConfig,
  ) {}

  /**
   * What Google Merchant Center or Meta fetch on their schedule. The ETag and Last-Modified let
   * them ask again cheaply: an unchanged catalog answers 304 without rendering anything.
   */
  @Get(':token/:file')
  @ApiProduces('application/xml', 'text/csv')
  @ApiOkResponse({ description: 'google-merchant.xml (RSS 2.0, g: namespace) or meta-catalog.csv' })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'Unknown or revoked feed' })
  async get(@Param('token') token: string, @Param('file') file: string, @Req() request: Request, @Res() response: Response): Promise<void> {
    const feed = await this.feeds.open(token, file);
    const lastModified = new Date(Math.floor(feed.version.lastModified.getTime() / 1000) * 1000);
    response.setHeader('ETag', feed.etag);
    response.setHeader('Last-Modified', lastModified.toUTCString());
    response.setHeader('Cache-Control', 'private, max-age=300');
    const ifNoneMatch = request.headers['if-none-match'];
    const ifModifiedSince = request.headers['if-modified-since'];
    const unchanged =
      ifNoneMatch !== undefined
        ? ifNoneMatch.split(',').some((tag) => tag.trim() === feed.etag)
        : ifModifiedSince !== undefined && Date.parse(ifModifiedSince) >= lastModified.getTime();
    if (unchanged) {
      response.status(304).end();
      return;
    }
    response.status(200).setHeader('Content-Type', feed.format.contentType);
    await new Promise<void>((resolve, reject) => {
      const body = Readable.from(this.feeds.render(feed, publicOrigin(request, this.config)));
      body.on('error', (error) => {
        // Headers are gone already: cut the connection so the fetcher sees a broken file, not a short one.
        response.destroy(error);
        reject(error);
      });
      response.on('finish', resolve);
      response.on('close', resolve);
      body.pipe(response);
    });
  }
}
