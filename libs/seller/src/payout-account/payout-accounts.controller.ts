import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, ErrorResponseDto, IdParam, Public, type AuthUser } from '@nongsan/core';
import { BANKS } from './banks.js';
import { BankDto, PayoutAccountInput, PayoutAccountViewDto } from './payout-account.dto.js';
import { PayoutAccounts } from './payout-accounts.service.js';

@ApiTags('seller')
@Controller()
export class PayoutAccountsController {
  constructor(private readonly accounts: PayoutAccounts) {}

  @Public()
  @Get('banks')
  @ApiOkResponse({ type: [BankDto], description: 'Banks a cooperative can be paid into (NAPAS 24/7 members, by VietQR BIN)' })
  banks(): BankDto[] {
    return [...BANKS];
  }

  @Get('cooperatives/:id/payout-account')
  @ApiBearerAuth()
  @ApiOkResponse({ type: PayoutAccountViewDto, description: 'Members and officials' })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  get(@CurrentUser() user: AuthUser, @IdParam('id', 'cooperative') id: string): Promise<PayoutAccountViewDto> {
    return this.accounts.get(user, id);
  }

  @Put('cooperatives/:id/payout-account')
  @ApiBearerAuth()
  @ApiOkResponse({ type: PayoutAccountViewDto, description: 'The cooperative’s admins; the change is audited' })
  @ApiForbiddenResponse({ type: ErrorResponseDto, description: 'A member who is not an admin' })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  put(@CurrentUser() user: AuthUser, @IdParam('id', 'cooperative') id: string, @Body() body: PayoutAccountInput): Promise<PayoutAccountViewDto> {
    return this.accounts.put(user, id, body);
  }
}
