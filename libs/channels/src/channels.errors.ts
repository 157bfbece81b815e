import { HttpStatus } from '@nestjs/common';
import { AppException, type ErrorStatuses } from '@nongsan/core';

/** The channels context's error codes and the HTTP status each answers with; clients switch on the codes. */
export const CHANNEL_ERRORS = {
  CHANNEL_ALREADY_CONNECTED: HttpStatus.CONFLICT,
  CHANNEL_CREDENTIALS_REJECTED: HttpStatus.BAD_REQUEST,
  // The platform, not the request, is at fault: the client may send the same request again later.
  CHANNEL_UNREACHABLE: HttpStatus.SERVICE_UNAVAILABLE,
  CHANNEL_DISCONNECTED: HttpStatus.CONFLICT,
  WEBHOOK_SIGNATURE_INVALID: HttpStatus.UNAUTHORIZED,
  CHANNEL_IS_FEED: HttpStatus.CONFLICT,
  CHANNEL_IS_SHOP: HttpStatus.CONFLICT,
  CHANNEL_AUTHORIZATION_STATE_UNKNOWN: HttpStatus.BAD_REQUEST,
  CHANNEL_AUTHORIZATION_STATE_USED: HttpStatus.BAD_REQUEST,
  CHANNEL_AUTHORIZATION_STATE_EXPIRED: HttpStatus.BAD_REQUEST,
  CHANNEL_AUTHORIZATION_REFUSED: HttpStatus.BAD_REQUEST,
  // The shop's state on the platform (a dead authorization, a missing permission) stands in the way.
  CHANNEL_PLATFORM_REFUSED: HttpStatus.CONFLICT,
} as const satisfies ErrorStatuses<string>;

export type ChannelErrorCode = keyof typeof CHANNEL_ERRORS;

export const channelError = AppException.codes(CHANNEL_ERRORS);
