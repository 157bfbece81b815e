import { HttpStatus } from '@nestjs/common';
import { AppException, type ErrorStatuses } from '@nongsan/core';

/** The seller context's error codes and the HTTP status each answers with; clients switch on the codes. */
export const SELLER_ERRORS = {
  TAX_CODE_TAKEN: HttpStatus.CONFLICT,
  COOPERATIVE_INCOMPLETE: HttpStatus.CONFLICT,
  EMAIL_NOT_VERIFIED: HttpStatus.FORBIDDEN,
  LAST_ADMIN: HttpStatus.CONFLICT,
  ALREADY_MEMBER: HttpStatus.CONFLICT,
  INVITATION_CLOSED: HttpStatus.CONFLICT,
} as const satisfies ErrorStatuses<string>;

export type SellerErrorCode = keyof typeof SELLER_ERRORS;

export const sellerError = AppException.codes(SELLER_ERRORS);
