import { createHash, timingSafeEqual } from 'node:crypto';
import { Controller, Get, Injectable, NotFoundException, Req, Res } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';
import { OwnCredential } from '../auth/decorators.js';
import { AppConfig } from '../config/app-config.js';
import { ErrorResponseDto } from '../errors/error-response.dto.js';

/** One registry per application instance, so test apps in one process do not collide. */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();
  private readonly httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request latency by method, route pattern and status',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  /** Express middleware: times every request, labelled by route pattern (not raw path, to bound cardinality). */
  readonly middleware = (request: Request, response: Response, next: NextFunction): void => {
    const stop = this.httpDuration.startTimer();
    response.once('finish', () => {
      const route = request.route?.path ? `${request.baseUrl}${String(request.route.path)}` : 'unmatched';
      stop({ method: request.method, route, status_code: String(response.statusCode) });
    });
    next();
  };
}

@ApiTags('ops')
@OwnCredential()
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: MetricsService,
    private readonly config: AppConfig,
  ) {}

  /** Route patterns, latencies and the process's memory are an attacker's map: only the scraper holding METRICS_TOKEN sees them. */
  @Get()
  @ApiOkResponse({
    description: 'Prometheus text format, for `Authorization: Bearer <METRICS_TOKEN>`',
    content: { 'text/plain': { schema: { type: 'string' } } },
  })
  @ApiNotFoundResponse({
    type: ErrorResponseDto,
    description: 'Without the token, with a wrong one, or when METRICS_TOKEN is unset: as if there were no such route',
  })
  scrape(@Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<string> {
    if (!this.holdsToken(request.headers.authorization)) throw new NotFoundException();
    // Set here, not by @Header: the 404 above must stay in the JSON error shape.
    response.type('text/plain; version=0.0.4; charset=utf-8');
    return this.metrics.registry.metrics();
  }

  private holdsToken(authorization: string | undefined): boolean {
    const expected = this.config.metricsToken;
    if (!expected || !authorization?.startsWith('Bearer ')) return false;
    // Equal-length digests, compared in constant time: the answer's timing says nothing of the token.
    const digest = (value: string) => createHash('sha256').update(value).digest();
    return timingSafeEqual(digest(authorization.slice('Bearer '.length)), digest(expected));
  }
}
