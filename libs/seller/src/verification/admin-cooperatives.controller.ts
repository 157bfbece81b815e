import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiForbiddenResponse, ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { CurrentUser, ErrorResponseDto, IdParam, Role, Roles, type AuthUser } from '@nongsan/core';
import { ApprovalDto, CooperativeDto, CooperativePageDto, CooperativeSearchDto, ReasonDto, TimelineEntryDto } from '../cooperatives/cooperative.dto.js';
import { CooperativesService } from '../cooperatives/cooperatives.service.js';
import { DocumentDto } from '../documents/documents.dto.js';
import { DocumentsService } from '../documents/documents.service.js';
import { OnboardingDto } from '../onboarding/onboarding.dto.js';
import { OnboardingService } from '../onboarding/onboarding.service.js';
import { VerificationService } from './verification.service.js';

export class CooperativeReviewDto {
  @ApiProperty({ type: CooperativeDto }) cooperative: CooperativeDto;
  @ApiProperty({ type: [DocumentDto] }) documents: DocumentDto[];
  @ApiProperty({ type: [TimelineEntryDto] }) timeline: TimelineEntryDto[];
  @ApiProperty({ type: OnboardingDto, description: 'Its onboarding checklist, as the cooperative sees it' }) onboarding: OnboardingDto;
}

/** The Department's side of onboarding: find cooperatives, review their papers, decide. */
@ApiTags('admin')
@ApiBearerAuth()
@Roles(Role.Official)
@ApiForbiddenResponse({ type: ErrorResponseDto, description: 'Officials only' })
@Controller('admin/cooperatives')
export class AdminCooperativesController {
  constructor(
    private readonly cooperatives: CooperativesService,
    private readonly documents: DocumentsService,
    private readonly verification: VerificationService,
    private readonly onboarding: OnboardingService,
  ) {}

  @Get()
  @ApiOkResponse({ type: CooperativePageDto })
  search(@Query() query: CooperativeSearchDto): Promise<CooperativePageDto> {
    return this.cooperatives.search(query);
  }

  @Get(':id')
  @ApiOkResponse({
    type: CooperativeReviewDto,
    description: 'Profile, papers, timeline and onboarding checklist in one answer; open a paper with GET /cooperatives/{id}/documents/{documentId}/download',
  })
  async review(@CurrentUser() user: AuthUser, @IdParam('id', 'cooperative') id: string): Promise<CooperativeReviewDto> {
    const [cooperative, documents, timeline, onboarding] = await Promise.all([
      this.cooperatives.get(user, id),
      this.documents.list(user, id),
      this.cooperatives.timeline(user, id),
      this.onboarding.progress(user, id),
    ]);
    return { cooperative, documents, timeline: timeline.items, onboarding };
  }

  @Post(':id/approve')
  @HttpCode(200)
  @ApiOkResponse({ type: CooperativeDto })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'INVALID_STATUS_TRANSITION (details give the current status)' })
  approve(@CurrentUser() user: AuthUser, @IdParam('id', 'cooperative') id: string, @Body() body: ApprovalDto): Promise<CooperativeDto> {
    return this.verification.decide(user, id, 'approve', body.note ?? null);
  }

  @Post(':id/reject')
  @HttpCode(200)
  @ApiOkResponse({ type: CooperativeDto })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'INVALID_STATUS_TRANSITION' })
  reject(@CurrentUser() user: AuthUser, @IdParam('id', 'cooperative') id: string, @Body() body: ReasonDto): Promise<CooperativeDto> {
    return this.verification.decide(user, id, 'reject', body.reason);
  }

  @Post(':id/suspend')
  @HttpCode(200)
  @ApiOkResponse({ type: CooperativeDto })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'INVALID_STATUS_TRANSITION' })
  suspend(@CurrentUser() user: AuthUser, @IdParam('id', 'cooperative') id: string, @Body() body: ReasonDto): Promise<CooperativeDto> {
    return this.verification.decide(user, id, 'suspend', body.reason);
  }

  @Post(':id/reinstate')
  @HttpCode(200)
  @ApiOkResponse({ type: CooperativeDto })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'INVALID_STATUS_TRANSITION' })
  reinstate(@CurrentUser() user: AuthUser, @IdParam('id', 'cooperative') id: string, @Body() body: ReasonDto): Promise<CooperativeDto> {
    return this.verification.decide(user, id, 'reinstate', body.reason);
  }
}
