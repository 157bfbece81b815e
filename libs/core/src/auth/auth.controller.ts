import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBadRequestResponse } from '@nestjs/swagger';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Request } from 'express';
import { ErrorResponseDto } from '../errors/error-response.dto.js';
import { localeFromHeader } from '../i18n/locale.js';
import { AccountRecoveryService } from './account-recovery.service.js';
import { AuthService } from './auth.service.js';
import { CurrentUser, Public } from './decorators.js';
import {
  AuthResponseDto,
  EmailVerificationConfirmDto,
  LoginDto,
  PasswordResetConfirmDto,
  PasswordResetRequestDto,
  RefreshDto,
  RegisterDto,
  UserDto,
} from './dto/auth.dto.js';
import type { AuthUser } from './role.js';

@ApiTags('auth')
@Controller()
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly recovery: AccountRecoveryService,
  ) {}

  @Public()
  @Post('auth/register')
  @ApiCreatedResponse({ type: AuthResponseDto })
  @ApiTooManyRequestsResponse({ type: ErrorResponseDto, description: 'TOO_MANY_REQUESTS: REGISTRATIONS_PER_IP_PER_HOUR from this address, with Retry-After' })
  register(@Body() body: RegisterDto, @Req() request: Request): Promise<AuthResponseDto> {
    return this.auth.register(body, localeFromHeader(request.headers['accept-language']), request.ip ?? 'unknown');
  }

  @Public()
  @Post('auth/login')
  @HttpCode(200)
  @ApiOkResponse({ type: AuthResponseDto })
  @ApiUnauthorizedResponse({ type: ErrorResponseDto, description: 'INVALID_CREDENTIALS' })
  @ApiTooManyRequestsResponse({ type: ErrorResponseDto, description: 'LOGIN_THROTTLED, with Retry-After' })
  login(@Body() body: LoginDto, @Req() request: Request): Promise<AuthResponseDto> {
    return this.auth.login(body, request.ip ?? 'unknown');
  }

  @Public()
  @Post('auth/refresh')
  @HttpCode(200)
  @ApiOkResponse({ type: AuthResponseDto })
  @ApiUnauthorizedResponse({ type: ErrorResponseDto, description: 'TOKEN_INVALID: unknown, expired, revoked or already used' })
  refresh(@Body() body: RefreshDto): Promise<AuthResponseDto> {
    return this.auth.refresh(body.refreshToken);
  }

  @Public()
  @Post('auth/logout')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'The session of this refresh token is revoked' })
  async logout(@Body() body: RefreshDto): Promise<void> {
    await this.auth.logout(body.refreshToken);
  }

  @Public()
  @Post('auth/password-reset')
  @HttpCode(202)
  @ApiAcceptedResponse({ description: 'Always, whether or not the address has an account; if it has, a single-use 30-minute link goes to it' })
  async requestPasswordReset(@Body() body: PasswordResetRequestDto): Promise<void> {
    await this.recovery.requestPasswordReset(body.email);
  }

  @Public()
  @Post('auth/password-reset/confirm')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'The password is changed and every session of the account has ended' })
  @ApiBadRequestResponse({
    type: ErrorResponseDto,
    description: 'ACCOUNT_TOKEN_INVALID (unknown, used or expired; field `token`), or the password fails the registration rules',
  })
  async confirmPasswordReset(@Body() body: PasswordResetConfirmDto): Promise<void> {
    await this.recovery.confirmPasswordReset(body.token, body.password);
  }

  @Post('auth/email-verification')
  @HttpCode(202)
  @ApiBearerAuth()
  @ApiAcceptedResponse({ description: 'A verification link goes to the signed-in user (nothing when already verified)' })
  async requestEmailVerification(@CurrentUser() user: AuthUser): Promise<void> {
    await this.recovery.requestEmailVerification(user);
  }

  @Public()
  @Post('auth/email-verification/confirm')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'The e-mail address is verified' })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'ACCOUNT_TOKEN_INVALID (field `token`)' })
  async confirmEmailVerification(@Body() body: EmailVerificationConfirmDto): Promise<void> {
    await this.recovery.confirmEmailVerification(body.token);
  }

  @Get('me')
  @ApiBearerAuth()
  @ApiOkResponse({ type: UserDto })
  @ApiUnauthorizedResponse({ type: ErrorResponseDto })
  me(@CurrentUser() user: AuthUser): Promise<UserDto> {
    return this.auth.me(user);
  }
}
