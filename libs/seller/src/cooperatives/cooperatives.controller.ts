import { Body, Controller, Get, HttpCode, Patch, Post, Req, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConflictResponse, ApiConsumes, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, ErrorResponseDto, FileUploadInterceptor, IdParam, requireFile, type AuthUser, type UploadRequest } from '@nongsan/core';
import { OnboardingDto } from '../onboarding/onboarding.dto.js';
import { OnboardingService } from '../onboarding/onboarding.service.js';
import { VerificationService } from '../verification/verification.service.js';
import { CooperativeDto, CreateCooperativeDto, MyCooperativeListDto, TimelineDto, UpdateCooperativeDto } from './cooperative.dto.js';
import { CooperativesService, LOGO_MAX_BYTES } from './cooperatives.service.js';

@ApiTags('seller')
@ApiBearerAuth()
@ApiNotFoundResponse({ type: ErrorResponseDto, description: 'No such cooperative, or not yours' })
@Controller()
export class CooperativesController {
  constructor(
    private readonly cooperatives: CooperativesService,
    private readonly verification: VerificationService,
    private readonly onboarding: OnboardingService,
  ) {}

  @Post('cooperatives')
  @ApiCreatedResponse({ type: CooperativeDto, description: 'In draft; the caller becomes its coop_admin' })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'TAX_CODE_TAKEN' })
  create(@CurrentUser() user: AuthUser, @Body() body: CreateCooperativeDto): Promise<CooperativeDto> {
    return this.cooperatives.create(user, body);
  }

  @Get('me/cooperatives')
  @ApiOkResponse({ type: MyCooperativeListDto, description: "The caller's cooperatives and role in each" })
  async mine(@CurrentUser() user: AuthUser): Promise<MyCooperativeListDto> {
    return { items: await this.cooperatives.listMine(user), nextCursor: null };
  }

  @Get('cooperatives/:id')
  @ApiOkResponse({ type: CooperativeDto })
  get(@CurrentUser() user: AuthUser, @IdParam('id', 'cooperative') id: string): Promise<CooperativeDto> {
    return this.cooperatives.get(user, id);
  }

  @Patch('cooperatives/:id')
  @ApiOkResponse({ type: CooperativeDto })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'TAX_CODE_TAKEN, or the tax code is locked while under review or approved' })
  update(@CurrentUser() user: AuthUser, @IdParam('id', 'cooperative') id: string, @Body() body: UpdateCooperativeDto): Promise<CooperativeDto> {
    return this.cooperatives.update(user, id, body);
  }

  @Post('cooperatives/:id/logo')
  @HttpCode(200)
  @UseInterceptors(FileUploadInterceptor('file', LOGO_MAX_BYTES))
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary', description: 'JPEG, PNG or WebP, ≤ 5 MB' } } },
  })
  @ApiOkResponse({ type: CooperativeDto })
  setLogo(@CurrentUser() user: AuthUser, @IdParam('id', 'cooperative') id: string, @Req() request: UploadRequest): Promise<CooperativeDto> {
    return this.cooperatives.setLogo(user, id, requireFile(request));
  }

  @Post('cooperatives/:id/submit')
  @HttpCode(200)
  @ApiOkResponse({ type: CooperativeDto, description: 'status: submitted' })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'COOPERATIVE_INCOMPLETE (details name what is missing) or INVALID_STATUS_TRANSITION' })
  submit(@CurrentUser() user: AuthUser, @IdParam('id', 'cooperative') id: string): Promise<CooperativeDto> {
    return this.verification.submit(user, id);
  }

  @Get('cooperatives/:id/timeline')
  @ApiOkResponse({ type: TimelineDto, description: 'Every status change, oldest first, with the reason' })
  timeline(@CurrentUser() user: AuthUser, @IdParam('id', 'cooperative') id: string): Promise<TimelineDto> {
    return this.cooperatives.timeline(user, id);
  }

  @Get('cooperatives/:id/onboarding')
  @ApiOkResponse({ type: OnboardingDto })
  progress(@CurrentUser() user: AuthUser, @IdParam('id', 'cooperative') id: string): Promise<OnboardingDto> {
    return this.onboarding.progress(user, id);
  }
}
