import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, ErrorResponseDto, IdParam, Role, Roles, type AuthUser } from '@nongsan/core';
import { ProductDto } from '../products/product.dto.js';
import { OcopClaimPageDto, OcopClaimQueryDto, OcopRejectionDto } from './ocop-claims.dto.js';
import { OcopVerificationService } from './ocop-verification.service.js';

/** The Department's check of OCOP claims: a queue, and a verdict per product. */
@ApiTags('admin')
@ApiBearerAuth()
@Roles(Role.Official)
@ApiForbiddenResponse({ type: ErrorResponseDto, description: 'Officials only (and not for a cooperative they belong to)' })
@Controller('admin')
export class AdminOcopController {
  constructor(private readonly verification: OcopVerificationService) {}

  @Get('ocop-claims')
  @ApiOkResponse({ type: OcopClaimPageDto })
  claims(@Query() query: OcopClaimQueryDto): Promise<OcopClaimPageDto> {
    return this.verification.claims(query);
  }

  @Post('products/:id/ocop/verify')
  @HttpCode(200)
  @ApiOkResponse({ type: ProductDto, description: 'The claim earns the badge while its certificate is valid' })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'OCOP_CLAIM_MISSING, or INVALID_STATUS_TRANSITION when already verified' })
  verify(@CurrentUser() user: AuthUser, @IdParam('id', 'product') id: string): Promise<ProductDto> {
    return this.verification.decide(user, id, 'verify', null);
  }

  @Post('products/:id/ocop/reject')
  @HttpCode(200)
  @ApiOkResponse({ type: ProductDto, description: 'The claim shows no badge and counts nowhere; the cooperative sees the reason' })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'OCOP_CLAIM_MISSING, or INVALID_STATUS_TRANSITION when already rejected' })
  reject(@CurrentUser() user: AuthUser, @IdParam('id', 'product') id: string, @Body() body: OcopRejectionDto): Promise<ProductDto> {
    return this.verification.decide(user, id, 'reject', body.reason);
  }
}
