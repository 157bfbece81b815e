import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { trimString } from '@nongsan/core';
import { Transform } from 'class-transformer';
import { IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

export class SaveCarrierAccountDto {
  @ApiProperty({
    description: "The account's API token from the carrier's site; stored encrypted, never shown again",
    example: '637170d5-942b-11ea-9821-0281a26fb5d4',
  })
  @Transform(trimString)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  token: string;

  @ApiPropertyOptional({ description: 'GHN only: the shop id (ShopId) the token acts for', example: '885' })
  @IsOptional()
  @Transform(trimString)
  @IsString()
  @MaxLength(20)
  shopId?: string;

  @ApiProperty({ example: '21808', description: 'Where the carrier picks parcels up: a ward code (2025 two-level system, GET /wards)' })
  @IsString()
  @Matches(/^\d{5}$/)
  pickupWardCode: string;

  @ApiProperty({ example: '12 Quang Trung, thôn Phú Phong' })
  @Transform(trimString)
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  pickupAddressLine: string;
}

export class CarrierInfoDto {
  @ApiProperty({ enum: ['ghn', 'ghtk'] }) carrier: string;
  @ApiProperty({ example: 'GHN' }) name: string;
}

export class CarrierAccountDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['ghn', 'ghtk'] }) carrier: string;
  @ApiProperty({ example: 'GHN' }) name: string;
  @ApiProperty({ description: "The carrier this cooperative's orders go with" }) chosen: boolean;
  @ApiPropertyOptional({ nullable: true, type: String }) shopId: string | null;
  @ApiProperty({ example: '••••efb9', description: 'The last characters of the saved token, nothing more' }) tokenHint: string;
  @ApiProperty() pickupWardCode: string;
  @ApiProperty({ example: 'Phú Phong' }) pickupWardName: string;
  @ApiProperty() pickupAddressLine: string;
  @ApiPropertyOptional({ description: "Admins only: the address to register in the carrier's settings for status updates (secret)" }) webhookUrl?: string;
  @ApiProperty() updatedAt: Date;
}
