import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { RequestMethod } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { AppConfig, MetricsService, renderError, runInRequestContext } from '@nongsan/core';
import express, { type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { serveWebApp } from './web-app.js';

export const API_PREFIX = 'api/v1';

/**
 * Everything about the HTTP app that is not a module: shared by main.ts and the e2e harness, so
 * tests exercise exactly what production runs. The app must be created with `bodyParser: false`.
 */
export function configureApp(app: INestApplication, config: AppConfig): INestApplication {
  const http = app.getHttpAdapter().getInstance() as express.Express;
  app.useLogger(app.get(Logger));
  http.set('trust proxy', config.trustProxy);
  http.disable('x-powered-by');

  http.use(requestContext);
  http.use(app.get(MetricsService).middleware);
  http.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          'upgrade-insecure-requests': null,
          'img-src': [
            "'self'",
            'data:',
            'blob:',
            ...(config.s3.publicUrl ? [config.s3.publicUrl] : []),
            ...(config.channels.publicUrl ? [config.channels.publicUrl] : []),
          ],
        },
      },
    }),
  );
  if (config.corsOrigins.length > 0) app.enableCors({ origin: config.corsOrigins, credentials: false });

  // Our own parsers, so a malformed or oversized body gets the same error shape as everything
  // else; the raw bytes are kept for webhook signature checks (Stripe, platforms).
  const keepRaw = (request: Request, _: Response, buffer: Buffer) => {
    (request as Request & { rawBody?: Buffer }).rawBody = buffer;
  };
  http.use(express.json({ limit: config.bodyLimitBytes, verify: keepRaw }));
  http.use(express.urlencoded({ limit: config.bodyLimitBytes, extended: false, verify: keepRaw }));
  http.use((error: unknown, request: Request, response: Response, next: NextFunction) => {
    if (response.headersSent) return next(error);
    renderError(error, request, response);
  });

  setGlobalPrefix(app);

  if (config.swaggerEnabled) SwaggerModule.setup('api/docs', app, openApiDocument(app), { useGlobalPrefix: false, jsonDocumentUrl: 'api/docs-json' });
  // Without a built web app (a server-only build), the printed URL still opens something useful.
  if (!serveWebApp(http, config.webDir) && config.swaggerEnabled) http.get('/', (_: Request, response: Response) => response.redirect(302, '/api/docs'));
  return app;
}

/** /api/v1 for the API; probes stay at the root where they expect it. */
export function setGlobalPrefix(app: INestApplication): void {
  app.setGlobalPrefix(API_PREFIX, {
    exclude: [
      { path: 'health', method: RequestMethod.GET },
      { path: 'health/ready', method: RequestMethod.GET },
      { path: 'metrics', method: RequestMethod.GET },
    ],
  });
}

/** The OpenAPI document: served at /api/docs-json and the source of the web app's typed client. */
export function openApiDocument(app: INestApplication): OpenAPIObject {
  return SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Nongsan API')
      .setDescription(
        'Marketplace for the farm and OCOP products of the former Bình Định area. Errors always have the shape ' +
          '`{error: {code, message, details: [{field, message}]}}`; messages are Vietnamese unless `Accept-Language: en`.',
      )
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
}

/** A request id for logs, errors and the audit log: the caller's X-Request-Id if sane, else a new one. */
function requestContext(request: Request, response: Response, next: NextFunction): void {
  const incoming = request.headers['x-request-id'];
  const id = typeof incoming === 'string' && /^[\w.-]{8,100}$/.test(incoming) ? incoming : randomUUID();
  (request as Request & { id: string }).id = id;
  response.setHeader('X-Request-Id', id);
  runInRequestContext({ requestId: id, ip: request.ip ?? 'unknown' }, next);
}
