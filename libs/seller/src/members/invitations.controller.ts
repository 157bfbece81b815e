import { Body, Controller, Delete, Get, HttpCode, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiConflictResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, ErrorResponseDto, IdParam, type AuthUser } from '@nongsan/core';
import { AcceptedInvitationDto, InvitationDto, InvitationListDto, InviteMemberDto, MyInvitationListDto } from './invitations.dto.js';
import { InvitationsService } from './invitations.service.js';

@ApiTags('seller')
@ApiBearerAuth()
@ApiNotFoundResponse({ type: ErrorResponseDto })
@Controller()
export class InvitationsController {
  constructor(private readonly invitations: InvitationsService) {}

  @Post('cooperatives/:id/invitations')
  @HttpCode(202)
  @ApiAcceptedResponse({ type: InvitationDto, description: 'Invitation e-mailed; the same answer whether or not the address has an account' })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'ALREADY_MEMBER' })
  invite(@CurrentUser() user: AuthUser, @IdParam('id', 'cooperative') id: string, @Body() body: InviteMemberDto): Promise<InvitationDto> {
    return this.invitations.invite(user, id, body);
  }

  @Get('cooperatives/:id/invitations')
  @ApiOkResponse({ type: InvitationListDto, description: 'Pending invitations (admins)' })
  async listPending(@CurrentUser() user: AuthUser, @IdParam('id', 'cooperative') id: string): Promise<InvitationListDto> {
    return { items: await this.invitations.listPending(user, id), nextCursor: null };
  }

  @Delete('cooperatives/:id/invitations/:invitationId')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Revoked: the link no longer works' })
  async revoke(
    @CurrentUser() user: AuthUser,
    @IdParam('id', 'cooperative') id: string,
    @IdParam('invitationId', 'invitation') invitationId: string,
  ): Promise<void> {
    await this.invitations.revoke(user, id, invitationId);
  }

  @Get('me/invitations')
  @ApiOkResponse({ type: MyInvitationListDto, description: "Open invitations to the caller's e-mail" })
  async mine(@CurrentUser() user: AuthUser): Promise<MyInvitationListDto> {
    return { items: await this.invitations.mine(user), nextCursor: null };
  }

  @Post('me/invitations/:invitationId/accept')
  @HttpCode(200)
  @ApiOkResponse({ type: AcceptedInvitationDto, description: 'The caller is now a member' })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'INVITATION_CLOSED: answered, revoked, replaced or expired' })
  accept(@CurrentUser() user: AuthUser, @IdParam('invitationId', 'invitation') invitationId: string): Promise<AcceptedInvitationDto> {
    return this.invitations.accept(user, invitationId);
  }

  @Post('me/invitations/:invitationId/decline')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Declined' })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'INVITATION_CLOSED' })
  async decline(@CurrentUser() user: AuthUser, @IdParam('invitationId', 'invitation') invitationId: string): Promise<void> {
    await this.invitations.decline(user, invitationId);
  }
}
