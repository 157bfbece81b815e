import { Body, Controller, Get, Param, Put, Req } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { AppConfig, CurrentUser, ErrorResponseDto, IdParam, Public, publicOrigin, type AuthUser } from '@nongsan/core';
import type { Request } from 'express';
import { CarrierAccountDto, CarrierInfoDto, SaveCarrierAccountDto } from './carrier-accounts.dto.js';
import { CarrierAccountsService } from './carrier-accounts.service.js';

@ApiTags('delivery')
@ApiBearerAuth()
@Controller()
export class CarrierAccountsController {
  constructor(
    private readonly accounts: CarrierAccountsService,
    private readonly config: AppConfig,
  ) {}

  @Public()
  @Get('delivery/carriers')
  @ApiOkResponse({ type: [CarrierInfoDto] })
  carriers(): CarrierInfoDto[] {
    return this.accounts.carriers();
  }

  @Put('cooperatives/:id/carriers/:carrier')
  @ApiOkResponse({
    type: CarrierAccountDto,
    description: "Saved after the carrier accepted the token and quoted a parcel from the pickup ward; becomes the cooperative's carrier",
  })
  @ApiBadRequestResponse({
    type: ErrorResponseDto,
    description: 'Unknown carrier, a missing GHN shopId, an unknown or unmappable pickup ward, or CARRIER_CREDENTIALS_REJECTED naming token',
  })
  @ApiServiceUnavailableResponse({ type: ErrorResponseDto, description: 'CARRIER_UNREACHABLE: nothing stored' })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  save(
    @CurrentUser() user: AuthUser,
    @IdParam('id', 'cooperative') id: string,
    @Param('carrier') carrier: string,
    @Body() body: SaveCarrierAccountDto,
    @Req() request: Request,
  ): Promise<CarrierAccountDto> {
    return this.accounts.save(user, id, carrier, body, publicOrigin(request, this.config));
  }

  @Get('cooperatives/:id/carriers')
  @ApiOkResponse({ type: [CarrierAccountDto] })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  list(@CurrentUser() user: AuthUser, @IdParam('id', 'cooperative') id: string, @Req() request: Request): Promise<CarrierAccountDto[]> {
    return this.accounts.list(user, id, publicOrigin(request, this.config));
  }
}
