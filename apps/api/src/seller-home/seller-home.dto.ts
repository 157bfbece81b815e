import { ApiProperty } from '@nestjs/swagger';

/** The seller portal's home: what needs the cooperative's attention, each figure from the context that owns it. */
export class SellerOverviewDto {
  @ApiProperty({
    example: 3,
    description:
      'Storefront orders waiting for the cooperative to confirm them (cash on delivery placed, or paid); a marketplace’s orders are confirmed on the platform',
  })
  ordersToConfirm: number;

  @ApiProperty({ example: 1, description: 'Return requests waiting for the cooperative to accept or refuse them' })
  returnsToAnswer: number;

  @ApiProperty({ example: 2, description: 'Variants of products not archived with stock at or below lowStockThreshold' })
  lowStockVariants: number;

  @ApiProperty({ example: 5, description: 'LOW_STOCK_THRESHOLD: what counts as low' })
  lowStockThreshold: number;

  @ApiProperty({ example: 1, description: 'Listings that failed on the cooperative’s connected shops' })
  failedListings: number;

  @ApiProperty({ example: 1250000, description: 'Đồng the platform owes the cooperative (negative: commission it owes), as GET /cooperatives/{id}/payouts' })
  balance: number;

  @ApiProperty({ enum: ['VND'] })
  currency: 'VND';
}
