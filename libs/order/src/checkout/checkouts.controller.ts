import { Body, Controller, Get, Headers, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiHeader, ApiNotFoundResponse, ApiOkResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { AppException, CurrentUser, ErrorResponseDto, IdParam, type AuthUser } from '@nongsan/core';
import { OrdersService } from '../orders/orders.service.js';
import { CheckoutDto, CheckoutInput } from './checkout.dto.js';
import { CheckoutService } from './checkout.service.js';

@ApiTags('order')
@ApiBearerAuth()
@Controller('checkouts')
export class CheckoutsController {
  constructor(
    private readonly checkouts: CheckoutService,
    private readonly orders: OrdersService,
  ) {}

  @Post()
  @ApiHeader({ name: 'Idempotency-Key', required: true, description: 'Unique per purchase attempt; resending it returns the same checkout' })
  @ApiCreatedResponse({ type: CheckoutDto, description: 'One order per cooperative; VietQR instructions when paying by transfer' })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'STOCK_INSUFFICIENT: details name each short item (items[i].quantity)' })
  @ApiUnprocessableEntityResponse({ type: ErrorResponseDto, description: 'IDEMPOTENCY_KEY_REUSED with another body' })
  create(@CurrentUser() user: AuthUser, @Headers('idempotency-key') key: string | undefined, @Body() body: CheckoutInput): Promise<CheckoutDto> {
    if (!key || !/^[A-Za-z0-9_-]{8,100}$/.test(key)) throw AppException.validation([{ field: 'Idempotency-Key', key: 'validation.idempotencyKey' }]);
    return this.checkouts.checkout(user, key, body);
  }

  @Get(':id')
  @ApiOkResponse({ type: CheckoutDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  get(@CurrentUser() user: AuthUser, @IdParam('id', 'checkout') id: string): Promise<CheckoutDto> {
    return this.orders.checkout(user, id);
  }
}
