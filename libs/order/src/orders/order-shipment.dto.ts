import { ApiProperty } from '@nestjs/swagger';

/** The order's parcel with its carrier, as the carrier last told us. */
export class OrderShipmentDto {
  @ApiProperty({ example: 'GHN' }) carrier: string;
  @ApiProperty({ nullable: true, type: String, description: 'null while the booking waits for the carrier' }) trackingNumber: string | null;
  @ApiProperty({ nullable: true, type: Number, description: "Đồng: the carrier's fee for the booking" }) fee: number | null;
  @ApiProperty({ nullable: true, type: String, description: 'Our address for the printable label (the cooperative’s members)' }) labelUrl: string | null;
  @ApiProperty({
    enum: ['booking', 'booked', 'shipped', 'returning', 'delivered', 'returned', 'cancelled', 'failed'],
    description: '`returning`: not delivered, on its way back',
  })
  status: string;
  @ApiProperty({ nullable: true, type: String, format: 'date' }) estimatedDeliveryDate: string | null;
  @ApiProperty({
    nullable: true,
    type: Boolean,
    description: 'Whether the cash the carrier reported collecting matches the order; null until it reports, and for a parcel returned (nothing is collected)',
  })
  codMatches: boolean | null;
}
