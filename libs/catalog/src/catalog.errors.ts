import { HttpStatus } from '@nestjs/common';
import { AppException, type ErrorStatuses } from '@nongsan/core';

/** The catalog context's error codes and the HTTP status each answers with; clients switch on the codes. */
export const CATALOG_ERRORS = {
  COOPERATIVE_NOT_APPROVED: HttpStatus.CONFLICT,
  PRODUCT_PUBLISHED_BEFORE: HttpStatus.CONFLICT,
  OCOP_CLAIM_MISSING: HttpStatus.CONFLICT,
} as const satisfies ErrorStatuses<string>;

export type CatalogErrorCode = keyof typeof CATALOG_ERRORS;

export const catalogError = AppException.codes(CATALOG_ERRORS);
