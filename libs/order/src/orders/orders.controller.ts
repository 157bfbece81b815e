import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, ErrorResponseDto, IdParam, type AuthUser } from '@nongsan/core';
import { OrderDto } from '../checkout/checkout.dto.js';
import { CancelDto, CooperativeOrdersDto, OrderListQueryDto, OrderPageDto, ShipDto } from './orders.dto.js';
import { OrdersService } from './orders.service.js';

@ApiTags('order')
@ApiBearerAuth()
@ApiNotFoundResponse({ type: ErrorResponseDto, description: 'No such order, or not yours' })
@ApiConflictResponse({ type: ErrorResponseDto, description: 'INVALID_STATUS_TRANSITION (details give the current status)' })
@Controller()
export class OrdersController {
  constructor(private readonly orders: OrdersService) {}

  @Get('me/orders')
  @ApiOkResponse({ type: OrderPageDto, description: "The caller's orders as a buyer, newest first" })
  mine(@CurrentUser() user: AuthUser, @Query() query: OrderListQueryDto): Promise<OrderPageDto> {
    return this.orders.listMine(user, query);
  }

  @Get('cooperatives/:id/orders')
  @ApiOkResponse({ type: CooperativeOrdersDto })
  forCooperative(@CurrentUser() user: AuthUser, @IdParam('id', 'cooperative') id: string, @Query() query: OrderListQueryDto): Promise<CooperativeOrdersDto> {
    return this.orders.listForCooperative(user, id, query);
  }

  @Get('orders/:id')
  @ApiOkResponse({ type: OrderDto })
  get(@CurrentUser() user: AuthUser, @IdParam('id', 'order') id: string): Promise<OrderDto> {
    return this.orders.get(user, id);
  }

  @Post('orders/:id/confirm')
  @HttpCode(200)
  @ApiOkResponse({ type: OrderDto })
  confirm(@CurrentUser() user: AuthUser, @IdParam('id', 'order') id: string): Promise<OrderDto> {
    return this.orders.sellerAction(user, id, 'confirm');
  }

  @Post('orders/:id/pack')
  @HttpCode(200)
  @ApiOkResponse({ type: OrderDto })
  pack(@CurrentUser() user: AuthUser, @IdParam('id', 'order') id: string): Promise<OrderDto> {
    return this.orders.sellerAction(user, id, 'pack');
  }

  @Post('orders/:id/ship')
  @HttpCode(200)
  @ApiOkResponse({ type: OrderDto })
  ship(@CurrentUser() user: AuthUser, @IdParam('id', 'order') id: string, @Body() body: ShipDto): Promise<OrderDto> {
    return this.orders.sellerAction(user, id, 'ship', body);
  }

  @Post('orders/:id/deliver')
  @HttpCode(200)
  @ApiOkResponse({ type: OrderDto })
  deliver(@CurrentUser() user: AuthUser, @IdParam('id', 'order') id: string): Promise<OrderDto> {
    return this.orders.sellerAction(user, id, 'deliver');
  }

  /** The cooperative cancels (any time before shipping), or the buyer does (before packing). */
  @Post('orders/:id/cancel')
  @HttpCode(200)
  @ApiOkResponse({ type: OrderDto, description: 'Cancelled; the reserved stock is back on sale' })
  cancel(@CurrentUser() user: AuthUser, @IdParam('id', 'order') id: string, @Body() body: CancelDto): Promise<OrderDto> {
    return this.orders.cancel(user, id, body.reason ?? null);
  }

  @Post('orders/:id/payment-received')
  @HttpCode(200)
  @ApiOkResponse({ type: OrderDto, description: 'The VietQR transfer arrived: every order of the checkout is paid' })
  paymentReceived(@CurrentUser() user: AuthUser, @IdParam('id', 'order') id: string): Promise<OrderDto> {
    return this.orders.paymentReceived(user, id);
  }
}
