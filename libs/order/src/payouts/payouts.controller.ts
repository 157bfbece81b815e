import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, ErrorResponseDto, IdParam, PageQueryDto, Role, Roles, type AuthUser } from '@nongsan/core';
import { LedgerDto, PayoutInput, PayoutQrDto, PayoutQrQueryDto } from './payouts.dto.js';
import { PayoutsService } from './payouts.service.js';

@ApiTags('order')
@ApiBearerAuth()
@Controller()
export class PayoutsController {
  constructor(private readonly payouts: PayoutsService) {}

  @Get('cooperatives/:id/payouts')
  @ApiOkResponse({ type: LedgerDto, description: 'Balance and ledger, newest first (members and officials)' })
  ledger(@CurrentUser() user: AuthUser, @IdParam('id', 'cooperative') id: string, @Query() query: PageQueryDto): Promise<LedgerDto> {
    return this.payouts.ledger(user, id, query);
  }

  /** Paid from the collector's account, so by the collector's people. */
  @Post('admin/cooperatives/:id/payouts')
  @Roles(Role.Finance)
  @ApiCreatedResponse({ type: LedgerDto })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'PAYOUT_EXCEEDS_BALANCE, or PAYOUT_ACCOUNT_MISSING' })
  record(@CurrentUser() user: AuthUser, @IdParam('id', 'cooperative') id: string, @Body() body: PayoutInput): Promise<LedgerDto> {
    return this.payouts.recordPayout(user, id, body);
  }

  @Get('admin/cooperatives/:id/payout-qr')
  @Roles(Role.Finance)
  @ApiOkResponse({ type: PayoutQrDto, description: 'A VietQR code to the cooperative’s payout account, for the collector’s banking app' })
  @ApiConflictResponse({
    type: ErrorResponseDto,
    description: 'PAYOUT_ACCOUNT_MISSING, or PAYOUT_EXCEEDS_BALANCE (nothing available, or more than available asked)',
  })
  payoutQr(@CurrentUser() user: AuthUser, @IdParam('id', 'cooperative') id: string, @Query() query: PayoutQrQueryDto): Promise<PayoutQrDto> {
    return this.payouts.payoutQr(user, id, query.amount);
  }
}
