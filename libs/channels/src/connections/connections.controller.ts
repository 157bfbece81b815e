import { Body, Controller, Delete, Get, Headers, HttpCode, Patch, Post, Query, Req } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import { AppConfig, CurrentUser, ErrorResponseDto, IdParam, localeFromHeader, Public, Role, Roles, type AuthUser, publicOrigin } from '@nongsan/core';
import type { Request } from 'express';
import {
  ChannelConnectionDto,
  ChannelOrderPageDto,
  ChannelOrderQueryDto,
  ChooseSettingsDto,
  ConnectChannelDto,
  DisconnectQueryDto,
  FeedLinkDto,
  JobAcceptedDto,
  ListingPageDto,
  ListingQueryDto,
  PlatformDto,
  ProvinceFeedDto,
  ShopOptionsDto,
} from './connections.dto.js';
import { ConnectionsService } from './connections.service.js';

@ApiTags('channels')
@ApiBearerAuth()
@Controller()
export class ConnectionsController {
  constructor(
    private readonly connections: ConnectionsService,
    private readonly config: AppConfig,
  ) {}

  @Public()
  @Get('channels/platforms')
  @ApiOkResponse({ type: [PlatformDto] })
  platforms(): PlatformDto[] {
    return this.connections.platforms();
  }

  @Post('cooperatives/:id/channels')
  @ApiCreatedResponse({
    type: ChannelConnectionDto,
    description:
      'A shop: connected after the platform accepted the credentials, every active product is being published (syncJobId). A feed: its secret feedUrl',
  })
  @ApiBadRequestResponse({
    type: ErrorResponseDto,
    description: 'Unknown platform, missing credential fields, or CHANNEL_CREDENTIALS_REJECTED with the platform’s message',
  })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'CHANNEL_ALREADY_CONNECTED' })
  @ApiServiceUnavailableResponse({ type: ErrorResponseDto, description: 'CHANNEL_UNREACHABLE: the platform did not answer; nothing stored' })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  connect(
    @CurrentUser() user: AuthUser,
    @IdParam('id', 'cooperative') id: string,
    @Body() body: ConnectChannelDto,
    @Req() request: Request,
  ): Promise<ChannelConnectionDto> {
    return this.connections.connect(user, id, body, publicOrigin(request, this.config));
  }

  @Post('admin/feeds')
  @Roles(Role.Official)
  @ApiCreatedResponse({ type: ChannelConnectionDto, description: 'A feed of every approved cooperative’s active products, with its secret feedUrl' })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'Not a feed platform' })
  createProvinceFeed(@CurrentUser() user: AuthUser, @Body() body: ProvinceFeedDto, @Req() request: Request): Promise<ChannelConnectionDto> {
    return this.connections.createProvinceFeed(user, body.platform, publicOrigin(request, this.config));
  }

  @Get('admin/feeds')
  @Roles(Role.Official)
  @ApiOkResponse({ type: [ChannelConnectionDto], description: 'With each feed’s feedUrl' })
  provinceFeeds(@Req() request: Request): Promise<ChannelConnectionDto[]> {
    return this.connections.provinceFeeds(publicOrigin(request, this.config));
  }

  @Get('cooperatives/:id/channels')
  @ApiHeader({ name: 'accept-language', required: false, description: 'Language of lastError: vi (default) or en' })
  @ApiOkResponse({ type: [ChannelConnectionDto], description: 'Members also get each feed’s feedUrl' })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  list(
    @CurrentUser() user: AuthUser,
    @IdParam('id', 'cooperative') id: string,
    @Req() request: Request,
    @Headers('accept-language') acceptLanguage?: string,
  ): Promise<ChannelConnectionDto[]> {
    return this.connections.list(user, id, publicOrigin(request, this.config), localeFromHeader(acceptLanguage));
  }

  @Get('channels/:id')
  @ApiHeader({ name: 'accept-language', required: false, description: 'Language of lastError: vi (default) or en' })
  @ApiOkResponse({ type: ChannelConnectionDto, description: 'A feed’s keepers also get its feedUrl (null: replace it with POST /channels/{id}/feed-token)' })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  get(
    @CurrentUser() user: AuthUser,
    @IdParam('id', 'channel') id: string,
    @Req() request: Request,
    @Headers('accept-language') acceptLanguage?: string,
  ): Promise<ChannelConnectionDto> {
    return this.connections.get(user, id, publicOrigin(request, this.config), localeFromHeader(acceptLanguage));
  }

  @Post('channels/:id/feed-token')
  @HttpCode(200)
  @ApiOkResponse({
    type: FeedLinkDto,
    description: 'A new secret address for the feed (coop admins; officials for a province feed); the old one answers 404 at once',
  })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'CHANNEL_IS_SHOP (not a feed), CHANNEL_DISCONNECTED' })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  replaceFeedToken(@CurrentUser() user: AuthUser, @IdParam('id', 'channel') id: string, @Req() request: Request): Promise<FeedLinkDto> {
    return this.connections.replaceFeedToken(user, id, publicOrigin(request, this.config));
  }

  @Delete('channels/:id')
  @ApiOkResponse({ type: JobAcceptedDto, description: 'Disconnected; with listings=unpublish, jobId follows the items being taken off sale' })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'CHANNEL_DISCONNECTED' })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  disconnect(@CurrentUser() user: AuthUser, @IdParam('id', 'channel') id: string, @Query() query: DisconnectQueryDto): Promise<JobAcceptedDto> {
    return this.connections.disconnect(user, id, query.listings ?? 'leave');
  }

  @Get('channels/:id/options')
  @ApiHeader({ name: 'accept-language', required: false, description: 'Language of a platform refusal: vi (default) or en' })
  @ApiOkResponse({
    type: ShopOptionsDto,
    description: 'What the shop offers to list its items with, read from the platform now: pick from these, never type ids',
  })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'CHANNEL_DISCONNECTED, CHANNEL_IS_FEED' })
  @ApiServiceUnavailableResponse({ type: ErrorResponseDto, description: 'CHANNEL_UNREACHABLE' })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  options(@CurrentUser() user: AuthUser, @IdParam('id', 'channel') id: string, @Headers('accept-language') acceptLanguage?: string): Promise<ShopOptionsDto> {
    return this.connections.shopOptions(user, id, localeFromHeader(acceptLanguage));
  }

  @Patch('channels/:id/settings')
  @ApiHeader({ name: 'accept-language', required: false, description: 'Language of a platform refusal: vi (default) or en' })
  @ApiOkResponse({ type: ChannelConnectionDto, description: 'The picked shipping channels or warehouse, used by the next change pushed' })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'A picked id the shop does not offer (the field is named)' })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'CHANNEL_DISCONNECTED, CHANNEL_IS_FEED' })
  @ApiServiceUnavailableResponse({ type: ErrorResponseDto, description: 'CHANNEL_UNREACHABLE' })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  chooseSettings(
    @CurrentUser() user: AuthUser,
    @IdParam('id', 'channel') id: string,
    @Body() body: ChooseSettingsDto,
    @Headers('accept-language') acceptLanguage?: string,
  ): Promise<ChannelConnectionDto> {
    return this.connections.chooseSettings(user, id, body, localeFromHeader(acceptLanguage));
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
  listings(
    @CurrentUser() user: AuthUser,
    @IdParam('id', 'channel') id: string,
    @Query() query: ListingQueryDto,
    @Headers('accept-language') acceptLanguage?: string,
  ): Promise<ListingPageDto> {
    return this.connections.listings(user, id, query, localeFromHeader(acceptLanguage));
  }

  @Get('channels/:id/orders')
  @ApiOkResponse({ type: ChannelOrderPageDto, description: 'The platform’s orders as they came in, newest first; needs_attention ones wait for the seller' })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  orders(@CurrentUser() user: AuthUser, @IdParam('id', 'channel') id: string, @Query() query: ChannelOrderQueryDto): Promise<ChannelOrderPageDto> {
    return this.connections.channelOrders(user, id, query);
  }
}
