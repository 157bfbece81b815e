import { Body, Controller, Get, Headers, HttpCode, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { AppException, CurrentUser, ErrorResponseDto, IdParam, localeFromHeader, Public, type AuthUser } from '@nongsan/core';
import { OrdersService } from '../orders/orders.service.js';
import { CheckoutDto, CheckoutInput, CheckoutQuoteDto, CheckoutQuoteInput } from './checkout.dto.js';
import { CheckoutService } from './checkout.service.js';

@ApiTags('order')
@Controller('checkouts')
export class CheckoutsController {
  constructor(
    private readonly checkouts: CheckoutService,
    private readonly orders: OrdersService,
  ) {}

  @Post('quote')
  @Public()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Price a cart as a checkout would, without taking stock',
    description: 'Lines a checkout would refuse are reported in `problems`, not as an error.',
  })
  @ApiHeader({ name: 'accept-language', required: false, description: 'Language of the problem messages: vi (default) or en' })
  @ApiOkResponse({ type: CheckoutQuoteDto })
  @ApiBadRequestResponse({
    type: ErrorResponseDto,
    description:
      'Malformed body (no items, more than 50, a quantity below 1, a variantId that is not a uuid); CARRIER_ROUTE_UNSERVED when a cooperative’s carriers do not deliver to shippingAddress.wardCode',
  })
  quote(@Body() body: CheckoutQuoteInput, @Headers('accept-language') acceptLanguage?: string): Promise<CheckoutQuoteDto> {
    return this.checkouts.quote(body, localeFromHeader(acceptLanguage));
  }

  @Post()
  @ApiBearerAuth()
  @ApiHeader({ name: 'Idempotency-Key', required: true, description: 'Unique per purchase attempt; resending it returns the same checkout' })
  @ApiHeader({ name: 'accept-language', required: false, description: 'Language of the shipping notice: vi (default) or en' })
  @ApiCreatedResponse({ type: CheckoutDto, description: 'One order per cooperative; VietQR instructions when paying by transfer' })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'STOCK_INSUFFICIENT: details name each short item (items[i].quantity)' })
  @ApiUnprocessableEntityResponse({ type: ErrorResponseDto, description: 'IDEMPOTENCY_KEY_REUSED with another body' })
  @ApiBadRequestResponse({
    type: ErrorResponseDto,
    description: 'CARRIER_ROUTE_UNSERVED: details name the cooperative whose carriers do not deliver to shippingAddress.wardCode',
  })
  create(
    @CurrentUser() user: AuthUser,
    @Headers('idempotency-key') key: string | undefined,
    @Body() body: CheckoutInput,
    @Headers('accept-language') acceptLanguage?: string,
  ): Promise<CheckoutDto> {
    if (!key || !/^[A-Za-z0-9_-]{8,100}$/.test(key)) throw AppException.validation([{ field: 'Idempotency-Key', key: 'validation.idempotencyKey' }]);
    return this.checkouts.checkout(user, key, body, localeFromHeader(acceptLanguage));
  }

  @Get(':id')
  @ApiBearerAuth()
  @ApiOkResponse({ type: CheckoutDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  get(@CurrentUser() user: AuthUser, @IdParam('id', 'checkout') id: string): Promise<CheckoutDto> {
    return this.orders.checkout(user, id);
  }
}
