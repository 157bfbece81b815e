import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../auth/decorators.js';
import { AppException } from '../errors/app.exception.js';
import { ErrorResponseDto } from '../errors/error-response.dto.js';
import { ObjectStorage } from './object-storage.js';

/** Where public objects are served from when S3_PUBLIC_URL is unset (ObjectStorage.publicUrl). */
export const MEDIA_PATH = '/api/v1/media/';

/**
 * Public objects (product photos, cooperative logos) through the app's own origin, for when the
 * object store has no public address of its own: the embedded one listens on 127.0.0.1, which no
 * phone and no platform can reach. Keys never change content (each upload gets a new one), so
 * answers may be cached for a year.
 */
@ApiTags('catalog')
@Public()
@Controller('media')
export class MediaController {
  constructor(private readonly storage: ObjectStorage) {}

  @Get('public/*path')
  @ApiOkResponse({ description: 'The object, with its content type', content: { 'image/webp': { schema: { type: 'string', format: 'binary' } } } })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  async get(@Param('path') path: string[] | string, @Res() response: Response): Promise<void> {
    const segments = (Array.isArray(path) ? path : [path]).flatMap((p) => p.split('/'));
    if (segments.some((s) => s === '' || s === '.' || s === '..')) throw AppException.notFound('resource');
    const stored = await this.storage.get(`public/${segments.join('/')}`);
    if (!stored) throw AppException.notFound('resource');
    response.setHeader('Content-Type', stored.contentType ?? 'application/octet-stream');
    if (stored.size !== undefined) response.setHeader('Content-Length', String(stored.size));
    response.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
    stored.body.pipe(response);
  }
}
