import { HttpStatus } from '@nestjs/common';
import { AppException, type ErrorStatuses } from '@nongsan/core';

/** The delivery context's error codes and the HTTP status each answers with; clients switch on the codes. */
export const DELIVERY_ERRORS = {
  CARRIER_CREDENTIALS_REJECTED: HttpStatus.BAD_REQUEST,
  // The carrier, not the request, is at fault: the same request may work in a few minutes.
  CARRIER_UNREACHABLE: HttpStatus.SERVICE_UNAVAILABLE,
  CARRIER_ROUTE_UNSERVED: HttpStatus.BAD_REQUEST,
  CARRIER_WEBHOOK_REFUSED: HttpStatus.UNAUTHORIZED,
  SHIPMENT_NOT_BOOKED: HttpStatus.CONFLICT,
  // The order stays as it is: the carrier keeps the parcel (already picked up) or is busy booking it.
  SHIPMENT_CANCEL_REFUSED: HttpStatus.CONFLICT,
  SHIPMENT_BUSY: HttpStatus.CONFLICT,
} as const satisfies ErrorStatuses<string>;

export type DeliveryErrorCode = keyof typeof DELIVERY_ERRORS;

export const deliveryError = AppException.codes(DELIVERY_ERRORS);
