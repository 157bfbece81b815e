import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import {
  ApiBadGatewayResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentUser, ErrorResponseDto, IdParam, Role, Roles, type AuthUser } from '@nongsan/core';
import { CheckoutDto } from '../checkout/checkout.dto.js';
import { AwaitingTransferPageDto, CollectorCheckoutQueryDto } from './awaiting-transfers.dto.js';
import { AwaitingTransfersService } from './awaiting-transfers.service.js';
import { OrdersService } from '../orders/orders.service.js';
import { OptionalTransferReferenceInput, RefundDto, RefundListQueryDto, RefundPageDto, TransferReferenceInput } from '../refunds/refunds.dto.js';
import { RefundsService } from '../refunds/refunds.service.js';

/** The collector's desk: the people who can see the account VietQR transfers go to (admins, officials with `finance`). */
@ApiTags('order')
@ApiBearerAuth()
@Roles(Role.Finance)
@ApiForbiddenResponse({ type: ErrorResponseDto, description: 'Not an admin or an official with the finance permission' })
@Controller('admin')
export class CollectorController {
  constructor(
    private readonly orders: OrdersService,
    private readonly refunds: RefundsService,
    private readonly awaiting: AwaitingTransfersService,
  ) {}

  @Post('checkouts/:id/payment-received')
  @HttpCode(200)
  @ApiOperation({ summary: 'The checkout’s VietQR transfer reached the collector’s account: all its orders are paid' })
  @ApiOkResponse({ type: CheckoutDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'PAYMENT_NOT_PENDING: already paid, or not a VietQR checkout' })
  async paymentReceived(
    @CurrentUser() user: AuthUser,
    @IdParam('id', 'checkout') id: string,
    @Body() body: OptionalTransferReferenceInput,
  ): Promise<CheckoutDto> {
    await this.orders.confirmTransfer(user, id, body.reference ?? null);
    return this.orders.checkout(user, id);
  }

  @Get('checkouts')
  @ApiOperation({ summary: 'VietQR checkouts whose transfer has not been seen yet, newest first' })
  @ApiOkResponse({ type: AwaitingTransferPageDto })
  awaitingTransfers(@Query() query: CollectorCheckoutQueryDto): Promise<AwaitingTransferPageDto> {
    return this.awaiting.list(query);
  }

  @Get('refunds')
  @ApiOkResponse({ type: RefundPageDto, description: 'Money owed back to buyers, newest first' })
  list(@Query() query: RefundListQueryDto): Promise<RefundPageDto> {
    return this.refunds.list(query);
  }

  @Post('refunds/:id/refunded')
  @HttpCode(200)
  @ApiOperation({ summary: 'The collector transferred the refund back to the buyer (or refunded it in Stripe’s dashboard)' })
  @ApiOkResponse({ type: RefundDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'REFUND_NOT_PENDING' })
  refunded(@CurrentUser() user: AuthUser, @IdParam('id', 'refund') id: string, @Body() body: TransferReferenceInput): Promise<RefundDto> {
    return this.refunds.recordByHand(user, id, body.reference);
  }

  @Post('refunds/:id/retry')
  @HttpCode(200)
  @ApiOperation({ summary: 'Send a card refund Stripe refused to Stripe again (same idempotency key: it never refunds twice)' })
  @ApiOkResponse({ type: RefundDto, description: 'Refunded, with Stripe’s refund id' })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  @ApiConflictResponse({
    type: ErrorResponseDto,
    description: 'REFUND_NOT_PENDING, or REFUND_NOT_CARD (a bank refund is recorded with its transfer reference)',
  })
  @ApiBadGatewayResponse({ type: ErrorResponseDto, description: 'REFUND_REFUSED: Stripe refused again; the refund stays pending' })
  retry(@CurrentUser() user: AuthUser, @IdParam('id', 'refund') id: string): Promise<RefundDto> {
    return this.refunds.retry(user, id);
  }
}
