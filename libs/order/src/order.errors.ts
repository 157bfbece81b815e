import { HttpStatus } from '@nestjs/common';
import { AppException, type ErrorStatuses } from '@nongsan/core';

/** The order context's error codes and the HTTP status each answers with; clients switch on the codes. */
export const ORDER_ERRORS = {
  IDEMPOTENCY_KEY_REUSED: HttpStatus.UNPROCESSABLE_ENTITY,
  STOCK_INSUFFICIENT: HttpStatus.CONFLICT,
  COD_LIMIT_REACHED: HttpStatus.CONFLICT,
  PAYMENT_NOT_PENDING: HttpStatus.CONFLICT,
  ORDER_MANAGED_BY_CHANNEL: HttpStatus.CONFLICT,
  REFUND_NOT_PENDING: HttpStatus.CONFLICT,
  REFUND_NOT_CARD: HttpStatus.CONFLICT,
  // Stripe, not the request, refused: the collector may try the same refund again later.
  REFUND_REFUSED: HttpStatus.BAD_GATEWAY,
  RETURN_WINDOW_CLOSED: HttpStatus.CONFLICT,
  RETURN_PHOTOS_FULL: HttpStatus.CONFLICT,
  PAYOUT_ACCOUNT_MISSING: HttpStatus.CONFLICT,
  PAYOUT_EXCEEDS_BALANCE: HttpStatus.CONFLICT,
} as const satisfies ErrorStatuses<string>;

export type OrderErrorCode = keyof typeof ORDER_ERRORS;

export const orderError = AppException.codes(ORDER_ERRORS);
