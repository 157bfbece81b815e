import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsVietnamesePhone, QUANTITY_PER_LINE_CEILING, trimString } from '@nongsan/core';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { OrderStatus } from '../orders/order-status.js';
import { CART_PROBLEM_CODES, type CartProblemCode } from './cart-pricing.js';
import { RefundDto } from '../refunds/refunds.dto.js';
import { OrderShipmentDto } from '../orders/order-shipment.dto.js';

export class CheckoutItemInput {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  variantId: string;

  @ApiProperty({
    minimum: 1,
    maximum: QUANTITY_PER_LINE_CEILING,
    example: 2,
    description: 'At most ORDER_MAX_QUANTITY_PER_LINE (100 by default; above it the quote reports the line)',
  })
  @IsInt()
  @Min(1)
  @Max(QUANTITY_PER_LINE_CEILING)
  quantity: number;
}

/** Where a parcel goes, as far as pricing its shipping needs to know. */
export class ShippingDestinationInput {
  @ApiProperty({ example: '00175', description: '5-digit ward code (2025 two-level system)' })
  @Matches(/^\d{5}$/)
  wardCode: string;
}

export class ShippingAddressInput extends ShippingDestinationInput {
  @ApiProperty({ example: 'Nguyễn Văn An' })
  @Transform(trimString)
  @IsString()
  @IsNotEmpty()
  @MaxLength(120)
  fullName: string;

  @ApiProperty({ example: '0912 345 678' })
  @IsVietnamesePhone()
  phone: string;

  @ApiProperty({ example: '12 ngõ 34 Láng Hạ' })
  @Transform(trimString)
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  addressLine: string;

  @ApiPropertyOptional({ example: 'Hà Nội', description: 'Province name, for addresses outside province 52' })
  @IsOptional()
  @Transform(trimString)
  @IsString()
  @MaxLength(60)
  province?: string;
}

export const PAYMENT_METHODS = ['cod', 'vietqr', 'card'] as const;

/** What the buyer wants: what a quote prices and a checkout buys. */
export class CartInput {
  @ApiProperty({ type: [CheckoutItemInput], minItems: 1, maxItems: 50 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => CheckoutItemInput)
  items: CheckoutItemInput[];
}

export class CheckoutQuoteInput extends CartInput {
  @ApiPropertyOptional({ type: ShippingDestinationInput, description: "With it, each cooperative's parcel is priced by its carrier to this ward" })
  @IsOptional()
  @ValidateNested()
  @Type(() => ShippingDestinationInput)
  shippingAddress?: ShippingDestinationInput;
}

export class CheckoutInput extends CartInput {
  @ApiProperty({ type: ShippingAddressInput })
  @ValidateNested()
  @Type(() => ShippingAddressInput)
  shippingAddress: ShippingAddressInput;

  @ApiProperty({ enum: PAYMENT_METHODS, description: 'card only when Stripe is configured' })
  @IsIn(PAYMENT_METHODS)
  paymentMethod: (typeof PAYMENT_METHODS)[number];
}

export class OrderLineDto {
  @ApiProperty({ format: 'uuid' }) variantId: string;
  @ApiProperty({ format: 'uuid' }) productId: string;
  @ApiProperty() productName: string;
  @ApiProperty() variantName: string;
  @ApiProperty() sku: string;
  @ApiProperty({ description: 'Đồng, at order time' }) unitPrice: number;
  @ApiProperty() quantity: number;
  @ApiProperty() lineTotal: number;
}

export class ActorDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'Trần Văn Hùng', description: 'The person’s full name' }) name: string;
}

export class StatusChangeDto {
  @ApiProperty({ enum: OrderStatus, nullable: true }) from: OrderStatus | null;
  @ApiProperty({ enum: OrderStatus }) to: OrderStatus;
  @ApiProperty({ nullable: true, type: String }) note: string | null;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'The actor’s user id (see actor)' }) by: string | null;
  @ApiProperty({ type: ActorDto, nullable: true, description: 'Who made the move; null for the system (expiry) and marketplace updates' })
  actor: ActorDto | null;
}

/** What a parcel's shipping costs, and who quoted it. */
export class ParcelShippingDto {
  @ApiProperty({ nullable: true, type: String, example: 'ghn', description: 'The carrier whose fee this is; null when the flat fee table priced it' })
  carrier: string | null;
  @ApiProperty({ description: 'Đồng' }) fee: number;
  @ApiPropertyOptional({ format: 'date', description: "The carrier's expected delivery day, when it gave one" }) estimatedDeliveryDate?: string;
  @ApiProperty({ description: "True when the cooperative's carriers failed and the flat fee table stood in (the notice says so)" }) fallback: boolean;
}

export class OrderDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'null for an order placed on a marketplace' }) checkoutId: string | null;
  @ApiProperty({ format: 'uuid' }) cooperativeId: string;
  @ApiProperty() cooperativeName: string;
  @ApiProperty({ example: 'web', description: '`web` for this storefront, else the platform (`shopee`…)' }) channel: string;
  @ApiProperty({ nullable: true, type: String, description: "The platform's order number" }) externalReference: string | null;
  @ApiProperty({ nullable: true, type: String }) buyerName: string | null;
  @ApiProperty({ enum: OrderStatus }) status: OrderStatus;
  @ApiProperty() itemsTotal: number;
  @ApiProperty() shippingFee: number;
  @ApiProperty({ type: ParcelShippingDto, description: 'How the shipping fee was priced at checkout' }) shipping: ParcelShippingDto;
  @ApiProperty() total: number;
  @ApiProperty() weightGrams: number;
  @ApiProperty({ type: [OrderLineDto] }) lines: OrderLineDto[];
  @ApiProperty({ enum: PAYMENT_METHODS, nullable: true, description: 'null when the marketplace took the payment' }) paymentMethod: string | null;
  @ApiProperty({ nullable: true, type: String }) carrier: string | null;
  @ApiProperty({ nullable: true, type: String }) trackingNumber: string | null;
  @ApiProperty({ type: OrderShipmentDto, nullable: true, description: "The parcel booked with the cooperative's carrier; null when none" })
  shipment: OrderShipmentDto | null;
  @ApiProperty({ nullable: true, type: String }) cancelReason: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) paymentDueAt: string | null;
  @ApiProperty({ type: ShippingAddressInput, nullable: true }) shippingAddress: ShippingAddressInput | null;
  @ApiProperty({ type: [StatusChangeDto] }) timeline: StatusChangeDto[];
  @ApiProperty({ type: RefundDto, nullable: true, description: 'Money owed back for this order (its latest refund); null when none' }) refund: RefundDto | null;
  @ApiProperty({
    nullable: true,
    type: String,
    format: 'date-time',
    description:
      'A delivered storefront order: when the buyer’s time to ask for a return ends (RETURN_WINDOW_DAYS after delivery; may have passed); null otherwise',
  })
  returnableUntil: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class VietQrDto {
  @ApiProperty({ description: 'EMVCo payload (what the QR encodes)' }) payload: string;
  @ApiProperty({ description: 'PNG data URL of the QR code' }) imageDataUrl: string;
  @ApiProperty({ description: 'Write this in the transfer description', example: 'NS4K7P2QXM' }) reference: string;
  @ApiProperty() amount: number;
  @ApiProperty() bankBin: string;
  @ApiProperty() accountNumber: string;
  @ApiProperty() accountName: string;
}

export class StripeDto {
  @ApiProperty({ description: 'Give to Stripe.js to confirm the card payment' }) clientSecret: string;
}

export class PaymentDto {
  @ApiProperty({ enum: PAYMENT_METHODS }) method: string;
  @ApiProperty({ enum: ['pending', 'succeeded', 'failed', 'refunded', 'cancelled'] }) status: string;
  @ApiProperty() amount: number;
  @ApiPropertyOptional({ type: VietQrDto }) vietqr?: VietQrDto;
  @ApiPropertyOptional({ type: StripeDto }) stripe?: StripeDto;
}

export class CheckoutDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'NS4K7P2QXM' }) reference: string;
  @ApiProperty({ type: [OrderDto], description: 'One per cooperative' }) orders: OrderDto[];
  @ApiProperty() itemsTotal: number;
  @ApiProperty() shippingTotal: number;
  @ApiProperty() total: number;
  @ApiProperty({ type: PaymentDto }) payment: PaymentDto;
  @ApiProperty({ nullable: true, type: String, description: 'Tells the buyer the flat fee table stood in for failing carriers; null when none did' })
  shippingNotice: string | null;

  @ApiProperty({ type: ShippingAddressInput }) shippingAddress: ShippingAddressInput;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class QuoteLineDto extends OrderLineDto {
  @ApiProperty({ description: 'Units in stock now; below `quantity` when the line is short (a problem says so)' }) available: number;
}

export class QuoteParcelDto {
  @ApiProperty({ format: 'uuid' }) cooperativeId: string;
  @ApiProperty() cooperativeName: string;
  @ApiProperty({ type: [QuoteLineDto] }) lines: QuoteLineDto[];
  @ApiProperty() itemsTotal: number;
  @ApiProperty() weightGrams: number;
  @ApiProperty({ description: 'As the checkout will charge it (`shipping.fee`)' }) shippingFee: number;
  @ApiProperty({ type: ParcelShippingDto }) shipping: ParcelShippingDto;
}

export class CartProblemDto {
  @ApiProperty({ example: 'items[1].quantity' }) field: string;
  @ApiProperty({ enum: CART_PROBLEM_CODES }) code: CartProblemCode;
  @ApiProperty({ example: '“Nước mắm Đề Gi” chỉ còn 3 sản phẩm.', description: "In the request's locale" }) message: string;
}

export class CheckoutQuoteDto {
  @ApiProperty({ type: [QuoteParcelDto], description: 'One per cooperative, as the checkout will split it; unavailable lines are left out' })
  parcels: QuoteParcelDto[];
  @ApiProperty() itemsTotal: number;
  @ApiProperty() shippingTotal: number;
  @ApiProperty() total: number;
  @ApiProperty({ type: [CartProblemDto], description: 'What a checkout of these items would refuse; empty when it would go through' })
  problems: CartProblemDto[];
  @ApiProperty({ nullable: true, type: String, description: 'Tells the buyer the flat fee table stood in for failing carriers; null when none did' })
  shippingNotice: string | null;
  @ApiProperty({ enum: PAYMENT_METHODS, isArray: true, description: 'The ways to pay offered now (card only when Stripe is configured)' })
  paymentMethods: Array<(typeof PAYMENT_METHODS)[number]>;
}
