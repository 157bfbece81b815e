import { Body, Controller, Delete, Get, Headers, HttpCode, Post, Query } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentUser, ErrorResponseDto, IdParam, localeFromHeader, Public, type AuthUser } from '@nongsan/core';
import {
  ChannelConnectionDto,
  ChannelOrderPageDto,
  ChannelOrderQueryDto,
  ConnectChannelDto,
  DisconnectQueryDto,
  JobAcceptedDto,
  ListingPageDto,
  ListingQueryDto,
  PlatformDto,
} from './connections.dto.js';
import { ConnectionsService } from './connections.service.js';

@ApiTags('channels')
@ApiBearerAuth()
@Controller()
export class ConnectionsController {
  constructor(private readonly connections: ConnectionsService) {}

  @Public()
  @Get('channels/platforms')
  @ApiOkResponse({ type: [PlatformDto] })
  platforms(): PlatformDto[] {
    return this.connections.platforms();
  }

  @Post('cooperatives/:id/channels')
  @ApiCreatedResponse({ type: ChannelConnectionDto, description: 'Connected after the platform accepted the credentials; every active product is being published (syncJobId)' })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'Unknown platform, missing credential fields, or CHANNEL_CREDENTIALS_REJECTED with the platform’s message' })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'CHANNEL_ALREADY_CONNECTED' })
  @ApiServiceUnavailableResponse({ type: ErrorResponseDto, description: 'CHANNEL_UNREACHABLE: the platform did not answer; nothing stored' })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  connect(@CurrentUser() user: AuthUser, @IdParam('id', 'cooperative') id: string, @Body() body: ConnectChannelDto): Promise<ChannelConnectionDto> {
    return this.connections.connect(user, id, body);
  }

  @Get('cooperatives/:id/channels')
  @ApiOkResponse({ type: [ChannelConnectionDto] })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  list(@CurrentUser() user: AuthUser, @IdParam('id', 'cooperative') id: string): Promise<ChannelConnectionDto[]> {
    return this.connections.list(user, id);
  }

  @Get('channels/:id')
  @ApiOkResponse({ type: ChannelConnectionDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  get(@CurrentUser() user: AuthUser, @IdParam('id', 'channel') id: string): Promise<ChannelConnectionDto> {
    return this.connections.get(user, id);
  }

  @Delete('channels/:id')
  @ApiOkResponse({ type: JobAcceptedDto, description: 'Disconnected; with listings=unpublish, jobId follows the items being taken off sale' })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'CHANNEL_DISCONNECTED' })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  disconnect(@CurrentUser() user: AuthUser, @IdParam('id', 'channel') id: string, @Query() query: DisconnectQueryDto): Promise<JobAcceptedDto> {
    return this.connections.disconnect(user, id, query.listings ?? 'leave');
  }

  @Post('channels/:id/sync')
  @HttpCode(202)
  @ApiAcceptedResponse({ type: JobAcceptedDto, description: 'Every listing pushed again and new orders pulled; poll GET /jobs/{jobId}' })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'CHANNEL_DISCONNECTED' })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  sync(@CurrentUser() user: AuthUser, @IdParam('id', 'channel') id: string): Promise<JobAcceptedDto> {
    return this.connections.resync(user, id);
  }

  @Get('channels/:id/listings')
  @ApiOkResponse({ type: ListingPageDto, description: 'By SKU; failed ones carry the platform’s message' })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  listings(@CurrentUser() user: AuthUser, @IdParam('id', 'channel') id: string, @Query() query: ListingQueryDto, @Headers('accept-language') acceptLanguage?: string): Promise<ListingPageDto> {
    return this.connections.listings(user, id, query, localeFromHeader(acceptLanguage));
  }

  @Get('channels/:id/orders')
  @ApiOkResponse({ type: ChannelOrderPageDto, description: 'The platform’s orders as they came in, newest first; needs_attention ones wait for the seller' })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  orders(@CurrentUser() user: AuthUser, @IdParam('id', 'channel') id: string, @Query() query: ChannelOrderQueryDto): Promise<ChannelOrderPageDto> {
    return this.connections.channelOrders(user, id, query);
  }
}
