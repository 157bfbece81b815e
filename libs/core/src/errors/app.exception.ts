import { CORE_ERRORS, type CoreErrorCode, type ErrorStatuses } from './core.errors.js';

/** One problem with one field; `key` is a message key under `validation.` or `errors.`. */
export interface FieldIssue {
  field: string;
  key: string;
  params?: Record<string, unknown>;
}

/** What an error says beyond its code: the offending fields, the message's values, response headers. */
export interface ErrorOptions {
  details?: FieldIssue[];
  params?: Record<string, unknown>;
  headers?: Record<string, string>;
}

/** Raises one of a context's codes with the status its map gives (see `AppException.codes`). */
export type RaiseError<Code extends string> = (code: Code, options?: ErrorOptions) => AppException;

/**
 * An expected failure with a stable code. The message is rendered in the request's locale by the
 * global filter from `errors.<code>` and `params`. Each context raises its own codes through the
 * function `AppException.codes` makes from its code → status map, so a call site neither picks a
 * status nor can misspell a code.
 */
export class AppException extends Error {
  readonly params: Record<string, unknown>;
  readonly details: FieldIssue[];
  readonly headers: Record<string, string>;

  protected constructor(
    readonly code: string,
    readonly status: number,
    { params = {}, details = [], headers = {} }: ErrorOptions = {},
  ) {
    super(code);
    this.name = 'AppException';
    this.params = params;
    this.details = details;
    this.headers = headers;
  }

  /** The raise function of one context: each error it makes answers with the status its code maps to. */
  static codes<Code extends string>(statuses: ErrorStatuses<Code>): RaiseError<Code> {
    return (code, options) => new AppException(code, statuses[code], options);
  }

  static validation(details: FieldIssue[]): AppException {
    return coreError('VALIDATION_FAILED', { details });
  }

  /** `entity` is a key under `entities.` so the message reads "Không tìm thấy người dùng." */
  static notFound(entity = 'resource'): AppException {
    return coreError('NOT_FOUND', { params: { entity } });
  }

  /** 409 INVALID_STATUS_TRANSITION: the record's current state does not allow the action. */
  static wrongState(status: string, options: { field?: string } = {}): AppException {
    return coreError('INVALID_STATUS_TRANSITION', currentStatus(status, options.field));
  }

  static unauthenticated(): AppException {
    return coreError('UNAUTHENTICATED');
  }

  static forbidden(): AppException {
    return coreError('FORBIDDEN');
  }

  static tooManyRequests(code: 'TOO_MANY_REQUESTS' | 'LOGIN_THROTTLED', retryAfterSeconds: number): AppException {
    const retryAfter = Math.max(1, Math.ceil(retryAfterSeconds));
    return coreError(code, { params: { retryAfter }, headers: { 'Retry-After': String(retryAfter) } });
  }
}

export const coreError: RaiseError<CoreErrorCode> = AppException.codes(CORE_ERRORS);

/**
 * For a code that refuses an action in the record's current state: the detail names the field
 * (`status` unless said otherwise) and the state, so the client can show why.
 */
export function currentStatus(status: string, field = 'status'): ErrorOptions {
  return { details: [{ field, key: 'validation.currentStatus', params: { status } }], params: { status } };
}
