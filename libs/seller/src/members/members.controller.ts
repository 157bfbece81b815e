import { Body, Controller, Delete, Get, HttpCode, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, ErrorResponseDto, IdParam, type AuthUser } from '@nongsan/core';
import { AddMemberDto, ChangeRoleDto, MemberListDto } from './members.dto.js';
import { MembersService } from './members.service.js';

@ApiTags('seller')
@ApiBearerAuth()
@ApiNotFoundResponse({ type: ErrorResponseDto })
@Controller('cooperatives/:id/members')
export class MembersController {
  constructor(private readonly members: MembersService) {}

  @Get()
  @ApiOkResponse({ type: MemberListDto })
  async list(@CurrentUser() user: AuthUser, @IdParam('id', 'cooperative') id: string): Promise<MemberListDto> {
    return { items: await this.members.list(user, id), nextCursor: null };
  }

  @Post()
  @ApiCreatedResponse({ type: MemberListDto, description: 'The members after adding' })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'ALREADY_MEMBER' })
  async add(@CurrentUser() user: AuthUser, @IdParam('id', 'cooperative') id: string, @Body() body: AddMemberDto): Promise<MemberListDto> {
    return { items: await this.members.add(user, id, body), nextCursor: null };
  }

  @Patch(':userId')
  @ApiOkResponse({ type: MemberListDto })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'LAST_ADMIN' })
  async changeRole(
    @CurrentUser() user: AuthUser,
    @IdParam('id', 'cooperative') id: string,
    @IdParam('userId', 'member') userId: string,
    @Body() body: ChangeRoleDto,
  ): Promise<MemberListDto> {
    return { items: await this.members.changeRole(user, id, userId, body.role), nextCursor: null };
  }

  @Delete(':userId')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Removed (an admin removes anyone; a member may leave)' })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'LAST_ADMIN' })
  async remove(@CurrentUser() user: AuthUser, @IdParam('id', 'cooperative') id: string, @IdParam('userId', 'member') userId: string): Promise<void> {
    await this.members.remove(user, id, userId);
  }
}
