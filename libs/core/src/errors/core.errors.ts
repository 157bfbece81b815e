import { HttpStatus } from '@nestjs/common';

/**
 * The generic error codes every context may raise, each with the one HTTP status it answers with.
 * Clients switch on these codes, never on messages, so a code and its status never change.
 */
export const CORE_ERRORS = {
  VALIDATION_FAILED: HttpStatus.BAD_REQUEST,
  MALFORMED_JSON: HttpStatus.BAD_REQUEST,
  BAD_REQUEST: HttpStatus.BAD_REQUEST,
  UNAUTHENTICATED: HttpStatus.UNAUTHORIZED,
  TOKEN_INVALID: HttpStatus.UNAUTHORIZED,
  INVALID_CREDENTIALS: HttpStatus.UNAUTHORIZED,
  FORBIDDEN: HttpStatus.FORBIDDEN,
  NOT_FOUND: HttpStatus.NOT_FOUND,
  ROUTE_NOT_FOUND: HttpStatus.NOT_FOUND,
  METHOD_NOT_ALLOWED: HttpStatus.METHOD_NOT_ALLOWED,
  CONFLICT: HttpStatus.CONFLICT,
  EMAIL_TAKEN: HttpStatus.CONFLICT,
  PAYLOAD_TOO_LARGE: HttpStatus.PAYLOAD_TOO_LARGE,
  UNSUPPORTED_MEDIA_TYPE: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
  TOO_MANY_REQUESTS: HttpStatus.TOO_MANY_REQUESTS,
  LOGIN_THROTTLED: HttpStatus.TOO_MANY_REQUESTS,
  FILE_TOO_LARGE: HttpStatus.PAYLOAD_TOO_LARGE,
  UNSUPPORTED_FILE_TYPE: HttpStatus.BAD_REQUEST,
  INVALID_STATUS_TRANSITION: HttpStatus.CONFLICT,
  ACCOUNT_TOKEN_INVALID: HttpStatus.BAD_REQUEST,
  SERVICE_UNAVAILABLE: HttpStatus.SERVICE_UNAVAILABLE,
  INTERNAL: HttpStatus.INTERNAL_SERVER_ERROR,
} as const satisfies ErrorStatuses<string>;

export type CoreErrorCode = keyof typeof CORE_ERRORS;

/** A bounded context's error codes, each with the HTTP status it answers with. */
export type ErrorStatuses<Code extends string> = Readonly<Record<Code, HttpStatus>>;
