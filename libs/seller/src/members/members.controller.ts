import { Body, Controller, Delete, Get, HttpCode, Patch } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, ErrorResponseDto, IdParam, type AuthUser } from '@nongsan/core';
import { ChangeRoleDto, MemberListDto } from './members.dto.js';
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
