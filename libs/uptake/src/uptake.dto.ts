import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export class UptakeQueryDto {
  @ApiPropertyOptional({ example: '2026-10-01', description: 'First day, in Vietnam time; default: the first day of this month' })
  @IsOptional()
  @Matches(DATE)
  from?: string;

  @ApiPropertyOptional({ example: '2026-10-31', description: 'Last day, included; default: today' })
  @IsOptional()
  @Matches(DATE)
  to?: string;

  @ApiPropertyOptional({ example: '21940', description: 'Only cooperatives in this (new) ward' })
  @IsOptional()
  @Matches(/^\d{5}$/)
  wardCode?: string;

  @ApiPropertyOptional({ example: '543', description: 'Only cooperatives in this former district (An Nhơn = 543…)' })
  @IsOptional()
  @Matches(/^\d{3}$/)
  formerDistrictCode?: string;
}

export const METRICS = ['gmv', 'orders', 'active_products', 'onboarded_cooperatives'] as const;
export const INTERVALS = ['week', 'month'] as const;
export const BREAKDOWNS = ['channel', 'former_district', 'category'] as const;

export class TimeseriesQueryDto extends UptakeQueryDto {
  @ApiProperty({ enum: METRICS })
  @IsIn(METRICS)
  metric: (typeof METRICS)[number];

  @ApiPropertyOptional({ enum: INTERVALS, default: 'month' })
  @IsOptional()
  @IsIn(INTERVALS)
  interval?: (typeof INTERVALS)[number];

  @ApiPropertyOptional({ enum: BREAKDOWNS, description: 'One series per channel, former district or category; one series in all when absent' })
  @IsOptional()
  @IsIn(BREAKDOWNS)
  by?: (typeof BREAKDOWNS)[number];
}

export class PeriodDto {
  @ApiProperty({ example: '2026-10-01' }) from: string;
  @ApiProperty({ example: '2026-10-31' }) to: string;
  @ApiProperty({ nullable: true, type: String }) wardCode: string | null;
  @ApiProperty({ nullable: true, type: String }) formerDistrictCode: string | null;
}

export class CooperativeCountsDto {
  @ApiProperty({ description: 'Registered by the end of the period' }) registered: number;
  @ApiProperty({ description: 'Sent for review by the end of the period' }) submitted: number;
  @ApiProperty({ description: 'Approved at the end of the period' }) approved: number;
  @ApiProperty({ description: 'With at least one product on sale' }) withActiveProducts: number;
  @ApiProperty({ description: 'With a marketplace shop or feed connected' }) withExternalChannel: number;
  @ApiProperty({ description: 'With at least one order in the period' }) withSalesInPeriod: number;
}

export class ProductCountsDto {
  @ApiProperty({ description: 'On sale at the end of the period: published by then, still active, of a cooperative approved at that end' }) active: number;
  @ApiProperty({ description: 'Products not archived whose OCOP claim (3–5 stars) the Department verified, certificate valid on the last day' }) ocop: number;
  @ApiProperty({ description: 'Of those, on sale (as `active`)' }) ocopOnline: number;
}

export class OrderCountsDto {
  @ApiProperty() count: number;
  @ApiProperty({ description: 'Đồng: value of the goods of orders placed and not cancelled (shipping excluded)' }) gmv: number;
}

export class ChannelFiguresDto {
  @ApiProperty({ example: 'web', description: '`web` is this storefront' }) channel: string;
  @ApiProperty({ description: 'Items on sale there now (web: active variants; a marketplace: synced listings)' }) listings: number;
  @ApiProperty() orders: number;
  @ApiProperty() gmv: number;
}

export class UptakeSummaryDto {
  @ApiProperty({ type: PeriodDto }) period: PeriodDto;
  @ApiProperty({ type: CooperativeCountsDto }) cooperatives: CooperativeCountsDto;
  @ApiProperty({ type: ProductCountsDto }) products: ProductCountsDto;
  @ApiProperty({ type: OrderCountsDto }) orders: OrderCountsDto;
  @ApiProperty({ description: 'Storefront visits in the period (daily counters; province-wide, not filtered by locality)' }) visits: number;
  @ApiProperty({ type: [ChannelFiguresDto] }) byChannel: ChannelFiguresDto[];
}

export class FunnelStepDto {
  @ApiProperty({ enum: ['registered', 'submitted', 'approved', 'first_product', 'first_channel', 'first_order'] }) step: string;
  @ApiProperty({ description: 'Cooperatives that reached this step by the end of the period' }) count: number;
  @ApiProperty({ nullable: true, type: Number, description: 'count ÷ the previous step’s count (0–1)' }) conversion: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Median days from the previous step' }) medianDays: number | null;
}

export class FunnelDto {
  @ApiProperty({ type: PeriodDto }) period: PeriodDto;
  @ApiProperty({ type: [FunnelStepDto] }) steps: FunnelStepDto[];
}

export class SeriesDto {
  @ApiProperty({ example: 'shopee' }) key: string;
  @ApiProperty({ example: 'Shopee' }) name: string;
  @ApiProperty({ type: [Number], description: 'One value per bucket, zero where nothing happened' }) values: number[];
}

export class TimeseriesDto {
  @ApiProperty({ type: PeriodDto }) period: PeriodDto;
  @ApiProperty({ enum: METRICS }) metric: string;
  @ApiProperty({ enum: INTERVALS }) interval: string;
  @ApiProperty({ nullable: true, enum: BREAKDOWNS }) by: string | null;
  @ApiProperty({ type: [String], example: ['2026-09-01', '2026-10-01'], description: 'First day of each bucket (weeks start on Monday)' }) buckets: string[];
  @ApiProperty({ type: [SeriesDto] }) series: SeriesDto[];
}

export class LocalityDto {
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty() cooperatives: number;
  @ApiProperty() approved: number;
  @ApiProperty({ description: 'Approved cooperatives with at least one product on sale (this storefront counts)' }) online: number;
  @ApiProperty({ nullable: true, type: Number, description: 'online ÷ approved' }) onlineShare: number | null;
  @ApiProperty({ description: 'Products on sale, as the summary’s products.active' }) activeProducts: number;
  @ApiProperty({ description: 'Verified OCOP products on sale, as the summary’s products.ocopOnline' }) ocopOnline: number;
  @ApiProperty({ description: 'Verified OCOP products, as the summary’s products.ocop' }) ocopTotal: number;
  @ApiProperty() gmv: number;
}

export class LocalitiesDto {
  @ApiProperty({ type: PeriodDto }) period: PeriodDto;
  @ApiProperty({ type: [LocalityDto], description: 'Lagging first: lowest online share, then most cooperatives' }) formerDistricts: LocalityDto[];
  @ApiProperty({ type: [LocalityDto] }) wards: LocalityDto[];
}

export class ChannelUptakeDto {
  @ApiProperty() channel: string;
  @ApiProperty() name: string;
  @ApiProperty({ description: 'Cooperatives with a live connection' }) cooperatives: number;
  @ApiProperty() connections: number;
  @ApiProperty({ description: 'Products on sale there: web = the summary’s products.active; a marketplace: products with a synced listing' }) products: number;
  @ApiProperty({
    type: Object,
    example: { pending: 0, synced: 40, failed: 2, delisted: 1 },
    description: 'Listings (one per variant) by status; web: variants on sale',
  })
  listings: Record<string, number>;
  @ApiProperty() orders: number;
  @ApiProperty() gmv: number;
}

export class ChannelsUptakeDto {
  @ApiProperty({ type: PeriodDto }) period: PeriodDto;
  @ApiProperty({ type: [ChannelUptakeDto] }) channels: ChannelUptakeDto[];
}

export class SyncErrorDto {
  @ApiProperty() message: string;
  @ApiProperty() listings: number;
}

export class PlatformSyncHealthDto {
  @ApiProperty() platform: string;
  @ApiProperty() listings: number;
  @ApiProperty() failed: number;
  @ApiProperty({ description: 'failed ÷ listings (0–1)' }) failureRate: number;
  @ApiProperty({ description: 'Gave up after every retry' }) deadLettered: number;
  @ApiProperty({ type: [SyncErrorDto], description: 'Most frequent errors of listings touched in the period' }) topErrors: SyncErrorDto[];
}

export class TopSyncErrorDto {
  @ApiProperty({ example: 'shopee' }) platform: string;
  @ApiProperty({ nullable: true, type: String, example: 'error_param', description: 'The platform’s error code, when it gave one' }) code: string | null;
  @ApiProperty({ example: 'Invalid category.' }) message: string;
  @ApiProperty({ description: 'Failed listings with this error' }) count: number;
}

export class SyncHealthDto {
  @ApiProperty({ type: PeriodDto }) period: PeriodDto;
  @ApiProperty({ type: [PlatformSyncHealthDto] }) platforms: PlatformSyncHealthDto[];
  @ApiProperty({
    type: [TopSyncErrorDto],
    description: 'The 5 most frequent errors of each platform among listings that failed in the period, most frequent first',
  })
  topErrors: TopSyncErrorDto[];
}

export class MoitReportQueryDto {
  @ApiPropertyOptional({ example: 2026, description: 'Calendar year; default this year (Vietnam time)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year?: number;

  @ApiPropertyOptional({
    example: '2026-11-30',
    description: 'Last day counted, within the year; default today (Vietnam time), or the year’s last day for a past year',
  })
  @IsOptional()
  @Matches(DATE)
  until?: string;
}

/** The e-commerce platform report to the Ministry of Industry and Trade, year to date; field names as the Ministry's form. */
export class MoitReportDto {
  @ApiProperty({ example: 2026 }) year: number;
  @ApiProperty({ example: '2026-01-01' }) from: string;
  @ApiProperty({ example: '2026-11-30' }) until: string;
  @ApiProperty({ description: 'Storefront visits from `from` to `until`' }) soLuongTruyCap: number;
  @ApiProperty({ description: 'Sellers (cooperatives) approved at the end of `until`' }) soNguoiBan: number;
  @ApiProperty({ description: 'Sellers first approved in the period' }) soNguoiBanMoi: number;
  @ApiProperty({ description: 'Products on sale at the end of `until` (as /uptake/summary products.active)' }) tongSoSanPham: number;
  @ApiProperty({ description: 'Products first published in the period' }) soSanPhamMoi: number;
  @ApiProperty({ description: 'Orders placed in the period (every channel; unpaid online orders never placed do not count)' }) soLuongGiaoDich: number;
  @ApiProperty({ description: 'Of those, delivered or completed' }) tongSoDonHangThanhCong: number;
  @ApiProperty({ description: 'Of those, cancelled, refunded or returned by the carrier' }) tongSoDonHangKhongThanhCong: number;
  @ApiProperty({ description: 'Đồng: /uptake/summary’s gmv for the period — goods value of orders placed and not cancelled, shipping excluded' })
  tongGiaTriGiaoDich: number;
}
