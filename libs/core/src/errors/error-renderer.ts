import { HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { QueryRunnerAlreadyReleasedError } from 'typeorm';
import { translate } from '../i18n/i18n.js';
import { localeFromHeader } from '../i18n/locale.js';
import { AppException } from './app.exception.js';
import { ErrorCode } from './error-code.js';

export interface ErrorBody {
  error: { code: string; message: string; details: Array<{ field: string; message: string }>; requestId?: string };
}

const logger = new Logger('Errors');

const codeForStatus: Record<number, ErrorCode> = {
  400: ErrorCode.BAD_REQUEST,
  401: ErrorCode.UNAUTHENTICATED,
  403: ErrorCode.FORBIDDEN,
  404: ErrorCode.NOT_FOUND,
  405: ErrorCode.METHOD_NOT_ALLOWED,
  409: ErrorCode.CONFLICT,
  413: ErrorCode.PAYLOAD_TOO_LARGE,
  415: ErrorCode.UNSUPPORTED_MEDIA_TYPE,
  429: ErrorCode.TOO_MANY_REQUESTS,
  503: ErrorCode.SERVICE_UNAVAILABLE,
};

/** Errors that come from Express middleware (body parser, multer) rather than from our code. */
interface MiddlewareError {
  type?: string;
  status?: number;
  statusCode?: number;
  code?: string;
  limit?: number;
}

/** Turns any thrown value into the one error shape of DESIGN §5.5. */
export function toAppException(exception: unknown, request: Request): AppException {
  if (exception instanceof AppException) return exception;
  const middleware = exception as MiddlewareError;
  if (middleware?.type === 'entity.parse.failed') return new AppException(ErrorCode.MALFORMED_JSON, 400);
  if (middleware?.type === 'entity.too.large' || middleware?.code === 'LIMIT_FILE_SIZE') {
    return new AppException(ErrorCode.PAYLOAD_TOO_LARGE, 413, { limit: formatBytes(middleware.limit) });
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    if (status === 404) {
      return new AppException(ErrorCode.ROUTE_NOT_FOUND, 404, { method: request.method, path: request.path });
    }
    if (status === 429) return AppException.tooManyRequests(ErrorCode.TOO_MANY_REQUESTS, 60);
    if (status === 413) return new AppException(ErrorCode.PAYLOAD_TOO_LARGE, 413, { limit: '' });
    return new AppException(codeForStatus[status] ?? (status >= 500 ? ErrorCode.INTERNAL : ErrorCode.BAD_REQUEST), status);
  }
  const status = middleware?.status ?? middleware?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return new AppException(codeForStatus[status] ?? ErrorCode.BAD_REQUEST, status);
  }
  if (isUnavailable(exception)) return new AppException(ErrorCode.SERVICE_UNAVAILABLE, HttpStatus.SERVICE_UNAVAILABLE, {}, [], { 'Retry-After': String(UNAVAILABLE_RETRY_AFTER_SECONDS) });
  return new AppException(ErrorCode.INTERNAL, HttpStatus.INTERNAL_SERVER_ERROR);
}

const UNAVAILABLE_RETRY_AFTER_SECONDS = 5;

/**
 * Codes that say the database (or another server we depend on) cannot be reached right now, not
 * that the request was wrong: refused or reset connections, PostgreSQL shutting down or starting
 * up (57P01–57P03), too many connections (53300), and every connection exception (class 08).
 */
const UNAVAILABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'EPIPE', '57P01', '57P02', '57P03', '53300']);
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
  if (app.code === ErrorCode.INTERNAL) {
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
      message: translate(locale, `errors.${app.code}`, params, 'errors.BAD_REQUEST'),
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
