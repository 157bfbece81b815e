import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PageQueryDto } from '@nongsan/core';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsIn, IsInt, IsObject, IsOptional, IsString, MaxLength, Min, ValidateNested, IsNotEmpty } from 'class-validator';
import type { ListingStatus } from '../listings/channel-listing.entity.js';
import type { ChannelOrderStatus } from '../orders/channel-order.entity.js';

export class PlatformDto {
  @ApiProperty({ example: 'shopee' }) platform: string;
  @ApiProperty({ example: 'Shopee' }) name: string;
  @ApiProperty({ enum: ['api', 'feed'] }) kind: 'api' | 'feed';
  @ApiProperty({
    description:
      'Sellers connect by approving the operator’s app on the platform (POST /cooperatives/{id}/channels/authorizations); false: the operator has not set it up, credentials are typed instead',
  })
  oneClick: boolean;
}

export class StartAuthorizationDto {
  @ApiProperty({ example: 'shopee', description: 'A platform whose oneClick is true' })
  @IsString()
  @IsNotEmpty()
  platform: string;
}

export class AuthorizationStartedDto {
  @ApiProperty({ description: 'The platform’s page where the seller signs in and approves; it comes back to /seller/channels?connected=<id>' })
  authorizeUrl: string;
}

export class CategoryOverrideDto {
  @ApiProperty({ example: 100875, description: "The platform's leaf category id" })
  @IsInt()
  @Min(1)
  categoryId: number;

  @ApiPropertyOptional({ description: 'Mandatory attributes of that category, as the platform names them' })
  @IsOptional()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => CategoryAttributeDto)
  attributes?: CategoryAttributeDto[];
}

export class CategoryAttributeDto {
  @ApiProperty() @IsInt() @Min(1) attributeId: number;
  @ApiProperty({ description: '0 for a free-text value' }) @IsInt() @Min(0) valueId: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) valueName?: string;
}

export class ChannelSettingsDto {
  @ApiPropertyOptional({ type: [Number], example: [50018], description: "The shop's enabled logistics channel ids (Shopee: get_channel_list)" })
  @IsOptional()
  @ArrayMaxSize(20)
  @IsInt({ each: true })
  logisticIds?: number[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(100)
  warehouseId?: string;

  @ApiPropertyOptional({ description: 'Our category id → the platform category, over the default table', example: { 'fish-sauce': { categoryId: 100875 } } })
  @IsOptional()
  @IsObject()
  categories?: Record<string, CategoryOverrideDto>;
}

export class ConnectChannelDto {
  @ApiProperty({ example: 'shopee', description: 'GET /channels/platforms lists them' })
  @IsString()
  @IsNotEmpty()
  platform: string;

  @ApiPropertyOptional({
    description: 'Per platform (the fields each platform issues); stored encrypted, never shown again. Feeds take none',
    example: { partnerId: '2001887', partnerKey: '…', shopId: '601234', accessToken: '…', refreshToken: '…' },
  })
  @IsOptional()
  @IsObject()
  credentials?: Record<string, string>;

  @ApiPropertyOptional({ type: ChannelSettingsDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => ChannelSettingsDto)
  settings?: ChannelSettingsDto;
}

export class ListingCountsDto {
  @ApiProperty() pending: number;
  @ApiProperty() synced: number;
  @ApiProperty() failed: number;
  @ApiProperty() delisted: number;
}

export class ChannelConnectionDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'null for a province-wide feed' }) cooperativeId: string | null;
  @ApiProperty({ example: 'shopee' }) platform: string;
  @ApiProperty({ enum: ['api', 'feed'] }) kind: 'api' | 'feed';
  @ApiProperty({
    enum: ['active', 'needs_attention', 'needs_reauthorization', 'disconnected'],
    description: 'needs_reauthorization: the platform no longer renews the token; syncing waits until the shop is authorized again',
  })
  status: string;
  @ApiProperty({ nullable: true, type: String }) shopName: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Why the connection needs attention and what to do, in the reader’s language' })
  lastError: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'The platform’s own code for it, when it gave one' }) lastErrorCode: string | null;
  @ApiProperty({ type: ChannelSettingsDto }) settings: ChannelSettingsDto;
  @ApiProperty({ type: ListingCountsDto }) listings: ListingCountsDto;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) ordersSyncedUntil: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'The first full sync started by connecting (GET /jobs/{id})' }) syncJobId?: string;
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description:
      'A feed’s secret address, for its keepers (the cooperative’s members; officials for a province feed): paste it into Merchant Center or Commerce Manager. null when it cannot be shown (a feed made before addresses were kept, or disconnected): POST /channels/{id}/feed-token issues a new one. Absent for shops and for officials reading a cooperative’s feed',
  })
  feedUrl?: string | null;
}

export class LogisticsChoiceDto {
  @ApiProperty({ example: 50018, description: 'Shopee logistics_channel_id' }) id: number;
  @ApiProperty({ example: 'Giao Hàng Nhanh' }) name: string;
  @ApiProperty({ description: 'Used when the seller has picked none (every channel the shop has switched on)' }) preferred: boolean;
}

export class WarehouseChoiceDto {
  @ApiProperty({ example: '7068517275539719001', description: 'TikTok Shop warehouse id' }) id: string;
  @ApiProperty({ example: 'Kho Đà Lạt' }) name: string;
  @ApiProperty({ description: 'The shop’s default sales warehouse, used when the seller has picked none' }) preferred: boolean;
}

export class ShopOptionsDto {
  @ApiPropertyOptional({
    type: [LogisticsChoiceDto],
    description: 'Shopee: the shipping channels the shop has switched on; settings.logisticIds picks among them',
  })
  logistics?: LogisticsChoiceDto[];
  @ApiPropertyOptional({ type: [WarehouseChoiceDto], description: 'TikTok Shop: the sales warehouses; settings.warehouseId picks one' })
  warehouses?: WarehouseChoiceDto[];
}

export class ChooseSettingsDto {
  @ApiPropertyOptional({ type: [Number], example: [50018], description: 'Ids from GET /channels/{id}/options logistics; at least one' })
  @IsOptional()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsInt({ each: true })
  logisticIds?: number[];

  @ApiPropertyOptional({ description: 'An id from GET /channels/{id}/options warehouses' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  warehouseId?: string;
}

export class FeedLinkDto {
  @ApiProperty({
    example: 'https://nongsan.example.vn/api/v1/feeds/…/google-merchant.xml',
    description: 'The feed’s new secret address; the old one answers 404 from now on',
  })
  feedUrl: string;
}

export class DisconnectQueryDto {
  @ApiPropertyOptional({ enum: ['leave', 'unpublish'], default: 'leave', description: 'unpublish: take every item off sale on the platform first' })
  @IsOptional()
  @IsIn(['leave', 'unpublish'])
  listings?: 'leave' | 'unpublish';
}

export class JobAcceptedDto {
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'Poll GET /jobs/{jobId}' }) jobId: string | null;
}

const LISTING_STATUSES: ListingStatus[] = ['pending', 'synced', 'failed', 'delisted'];

export class ListingQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: LISTING_STATUSES })
  @IsOptional()
  @IsIn(LISTING_STATUSES)
  status?: ListingStatus;
}

export class ChannelListingDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) productId: string;
  @ApiProperty({ format: 'uuid' }) variantId: string;
  @ApiProperty() sku: string;
  @ApiProperty({ enum: LISTING_STATUSES }) status: ListingStatus;
  @ApiProperty({ nullable: true, type: String, description: "The platform's item id" }) externalId: string | null;
  @ApiProperty({ nullable: true, type: String }) lastError: string | null;
  @ApiProperty({ nullable: true, type: String, description: "The platform's error code, or ours (CATEGORY_UNMAPPED, GAVE_UP)" }) lastErrorCode: string | null;
  @ApiProperty({ description: 'Failed attempts in a row' }) attempts: number;
  @ApiProperty({ description: 'Retries ran out; it waits for a full sync or the next change' }) deadLettered: boolean;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) lastSyncedAt: string | null;
}

export class ListingPageDto {
  @ApiProperty({ type: [ChannelListingDto] }) items: ChannelListingDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

const CHANNEL_ORDER_STATUSES: ChannelOrderStatus[] = ['awaiting_payment', 'imported', 'needs_attention', 'cancelled', 'completed'];

export class ChannelOrderQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: CHANNEL_ORDER_STATUSES })
  @IsOptional()
  @IsIn(CHANNEL_ORDER_STATUSES)
  status?: ChannelOrderStatus;
}

export class ChannelOrderDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ description: "The platform's order number" }) externalId: string;
  @ApiProperty({ example: 'READY_TO_SHIP' }) platformStatus: string;
  @ApiProperty({ enum: CHANNEL_ORDER_STATUSES }) status: ChannelOrderStatus;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'The order here holding its stock' }) orderId: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Why it needs the seller (unknown SKU, not enough stock)' }) problem: string | null;
  @ApiProperty() total: number;
  @ApiProperty({ nullable: true, type: String }) buyerName: string | null;
  @ApiProperty({ format: 'date-time' }) placedAt: string;
}

export class ChannelOrderPageDto {
  @ApiProperty({ type: [ChannelOrderDto] }) items: ChannelOrderDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class ProvinceFeedDto {
  @ApiProperty({ example: 'google-merchant', enum: ['google-merchant', 'meta-catalog'] })
  @IsString()
  @IsNotEmpty()
  platform: string;
}
