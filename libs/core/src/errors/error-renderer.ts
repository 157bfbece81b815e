import { HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { QueryRunnerAlreadyReleasedError } from 'typeorm';
import { translate } from '../i18n/i18n.js';
import { localeFromHeader } from '../i18n/locale.js';
import { AppException, coreError } from './app.exception.js';
import type { CoreErrorCode } from './core.errors.js';

export interface ErrorBody {
  error: { code: string; message: string; details: Array<{ field: string; message: string }>; requestId?: string };
}

const logger = new Logger('Errors');

/** The code a status from Nest or Express is told under; a status not listed keeps a generic code. */
const codeForStatus: Readonly<Record<number, CoreErrorCode>> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'TOO_MANY_REQUESTS',
  503: 'SERVICE_UNAVAILABLE',
};

/**
 * A refusal by Nest or Express rather than by our code: the client gets the status they chose
 * (a 418, a 502) under the nearest generic code, where our own codes each have one fixed status.
 */
class PassedOnError extends AppException {
  constructor(status: number) {
    super(codeForStatus[status] ?? (status >= 500 ? 'INTERNAL' : 'BAD_REQUEST'), status);
  }
}

/** Errors that come from Express middleware (body parser, multer) rather than from our code. */
interface MiddlewareError {
  type?: string;
  status?: number;
  statusCode?: number;
  code?: string;
  limit?: number;
}

/** Turns any thrown value into the one error shape, `{error: {code, message, details}}`, in the request's language. */
export function toAppException(exception: unknown, request: Request): AppException {
  if (exception instanceof AppException) return exception;
  const middleware = exception as MiddlewareError;
  if (middleware?.type === 'entity.parse.failed') return coreError('MALFORMED_JSON');
  if (middleware?.type === 'entity.too.large' || middleware?.code === 'LIMIT_FILE_SIZE') {
    return coreError('PAYLOAD_TOO_LARGE', { params: { limit: formatBytes(middleware.limit) } });
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    if (status === 404) return coreError('ROUTE_NOT_FOUND', { params: { method: request.method, path: request.path } });
    if (status === 429) return AppException.tooManyRequests('TOO_MANY_REQUESTS', 60);
    if (status === 413) return coreError('PAYLOAD_TOO_LARGE', { params: { limit: '' } });
    return new PassedOnError(status);
  }
  const status = middleware?.status ?? middleware?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) return new PassedOnError(status);
  if (isUnavailable(exception)) return coreError('SERVICE_UNAVAILABLE', { headers: { 'Retry-After': String(UNAVAILABLE_RETRY_AFTER_SECONDS) } });
  return coreError('INTERNAL');
}

const UNAVAILABLE_RETRY_AFTER_SECONDS = 5;

/**
 * Codes that say the database (or another server we depend on) cannot be reached right now, not
 * that the request was wrong: refused or reset connections, PostgreSQL shutting down or starting
 * up (57P01–57P03), too many connections (53300), and every connection exception (class 08).
 */
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'EPIPE',
  '57P01',
  '57P02',
  '57P03',
  '53300',
]);
/** What node-postgres says, without a code, when a connection dies under a query or cannot be had in time. */
const UNAVAILABLE_MESSAGES = /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error)/;

/**
 * A dependency that is down is not a bug: the client is told 503 (try again shortly) instead of
 * 500. Looks through TypeORM's QueryFailedError (`driverError`) and `cause` chains.
 */
export function isUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 4) return false;
  // TypeORM releases a transaction's query runner when its connection reports an error (the server
  // shut down between two statements); the transaction's next statement then throws this instead.
  if (error instanceof QueryRunnerAlreadyReleasedError) return true;
  const { code, message, driverError, cause } = error as { code?: unknown; message?: unknown; driverError?: unknown; cause?: unknown };
  if (typeof code === 'string' && (UNAVAILABLE_CODES.has(code) || /^08[0-9A-Z]{3}$/.test(code))) return true;
  if (typeof message === 'string' && UNAVAILABLE_MESSAGES.test(message)) return true;
  return isUnavailable(driverError, depth + 1) || isUnavailable(cause, depth + 1);
}

export function renderError(exception: unknown, request: Request, response: Response): void {
  const app = toAppException(exception, request);
  const requestId = String((request as Request & { id?: unknown }).id ?? '');
  if (app.code === 'INTERNAL') {
    logger.error({ err: exception, requestId, path: request.path }, 'unhandled error');
  } else if (app.status >= 500) {
    // A dependency down (the database, a platform): worth a line, not a bug.
    logger.warn({ err: exception, requestId, path: request.path }, 'dependency unavailable');
  }
  const locale = localeFromHeader(request.headers['accept-language']);
  const params: Record<string, unknown> = { ...app.params, requestId };
  if (typeof params.entity === 'string') params.entity = translate(locale, `entities.${params.entity}`);
  const body: ErrorBody = {
    error: {
      code: app.code,
      message: translate(locale, `errors.${app.code}`, params),
      details: app.details.map((issue) => ({
        field: issue.field,
        message: translate(locale, issue.key, { field: issue.field, ...issue.params }, 'validation.invalid'),
      })),
      ...(requestId ? { requestId } : {}),
    },
  };
  if (response.headersSent) return;
  for (const [name, value] of Object.entries(app.headers)) response.setHeader(name, value);
  response.status(app.status).setHeader('Content-Language', locale).json(body);
}

function formatBytes(bytes: number | undefined): string {
  if (!bytes) return '';
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / 1024 / 1024)} MB` : `${Math.round(bytes / 1024)} KB`;
}
