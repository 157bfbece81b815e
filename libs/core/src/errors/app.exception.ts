import { HttpStatus } from '@nestjs/common';
import { ErrorCode } from './error-code.js';

/** One problem with one field; `key` is a message key under `validation.` or `errors.`. */
export interface FieldIssue {
  field: string;
  key: string;
  params?: Record<string, unknown>;
}

/**
 * An expected failure with a stable code. The message is rendered in the request's locale by the
 * global filter from `errors.<code>` (or `messageKey`) and `params`.
 */
export class AppException extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    readonly params: Record<string, unknown> = {},
    readonly details: FieldIssue[] = [],
    readonly headers: Record<string, string> = {},
  ) {
    super(code);
    this.name = 'AppException';
  }

  static validation(details: FieldIssue[]): AppException {
    return new AppException(ErrorCode.VALIDATION_FAILED, HttpStatus.BAD_REQUEST, {}, details);
  }

  /** `entity` is a key under `entities.` so the message reads "Không tìm thấy người dùng." */
  static notFound(entity = 'resource'): AppException {
    return new AppException(ErrorCode.NOT_FOUND, HttpStatus.NOT_FOUND, { entity });
  }

  static conflict(code: string, details: FieldIssue[] = [], params: Record<string, unknown> = {}): AppException {
    return new AppException(code, HttpStatus.CONFLICT, params, details);
  }

  /**
   * 409 for an action the record's current state does not allow: `code` says what was refused
   * (INVALID_STATUS_TRANSITION by default), the detail names the field and the current state.
   */
  static wrongState(status: string, options: { code?: string; field?: string } = {}): AppException {
    return AppException.conflict(options.code ?? ErrorCode.INVALID_STATUS_TRANSITION, [{ field: options.field ?? 'status', key: 'validation.currentStatus', params: { status } }], { status });
  }

  static unauthenticated(code: ErrorCode = ErrorCode.UNAUTHENTICATED): AppException {
    return new AppException(code, HttpStatus.UNAUTHORIZED);
  }

  static forbidden(): AppException {
    return new AppException(ErrorCode.FORBIDDEN, HttpStatus.FORBIDDEN);
  }

  static tooManyRequests(code: ErrorCode, retryAfterSeconds: number): AppException {
    const retryAfter = Math.max(1, Math.ceil(retryAfterSeconds));
    return new AppException(code, HttpStatus.TOO_MANY_REQUESTS, { retryAfter }, [], { 'Retry-After': String(retryAfter) });
  }
}
