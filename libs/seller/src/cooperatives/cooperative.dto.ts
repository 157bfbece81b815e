import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { IsVietnamesePhone, PageQueryDto, trimString } from '@nongsan/core';
import { Transform } from 'class-transformer';
import { IsEmail, IsEnum, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { CooperativeStatus } from './cooperative-status.js';
import { MemberRole, SellerKind } from './cooperative.entities.js';

export class CreateCooperativeDto {
  @ApiPropertyOptional({
    enum: SellerKind,
    default: SellerKind.Cooperative,
    description: 'Who sells; decides the papers asked for, and household businesses have tax withheld on their orders (Decree 117/2025)',
  })
  @IsOptional()
  @IsEnum(SellerKind)
  kind?: SellerKind;

  @ApiProperty({ example: 'Hợp tác xã Nông nghiệp Nhơn Lộc', maxLength: 200 })
  @Transform(trimString)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @ApiProperty({
    example: '0100233488',
    description: '10 digits, or 13 for a branch (NNNNNNNNNN-NNN); check digit verified. A household business may give its owner’s 12-digit personal id number',
  })
  @Transform(trimString)
  @IsString()
  @MaxLength(20)
  taxCode: string;

  @ApiProperty({ example: 'Trần Văn Hùng', description: 'Legal representative' })
  @Transform(trimString)
  @IsString()
  @IsNotEmpty()
  @MaxLength(120)
  representative: string;

  @ApiProperty({ example: '0256 3822 123', description: 'Vietnamese phone number; stored as E.164' })
  @IsVietnamesePhone()
  phone: string;

  @ApiProperty({ example: 'htx.nhonloc@example.vn' })
  @Transform(trimString)
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiProperty({
    example: '21910',
    description: 'Ward code since 2025-07-01; a former commune code is accepted and mapped when it maps to one ward',
  })
  @Transform(trimString)
  @Matches(/^\d{5}$/)
  wardCode: string;

  @ApiProperty({ example: 'Thôn Tân Lập', maxLength: 300 })
  @Transform(trimString)
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  addressLine: string;

  @ApiPropertyOptional({ maxLength: 5000, description: 'What the cooperative grows and makes; required before submitting' })
  @IsOptional()
  @Transform(trimString)
  @IsString()
  @MaxLength(5000)
  description?: string;
}

/** The kind of seller is chosen once, at registration. */
/** Any field may be left out; a null is checked like any value, so a required field's null is a 400 naming it. */
export class UpdateCooperativeDto extends PartialType(OmitType(CreateCooperativeDto, ['kind'] as const), { skipNullProperties: false }) {}

export class ReasonDto {
  @ApiProperty({ example: 'Giấy chứng nhận đăng ký bị mờ, vui lòng tải lại bản rõ hơn.', maxLength: 2000 })
  @Transform(trimString)
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason: string;
}

export class ApprovalDto {
  @ApiPropertyOptional({ example: 'Hồ sơ đầy đủ, đã đối chiếu bản gốc.', maxLength: 2000, description: 'Kept in the timeline and the audit log' })
  @IsOptional()
  @Transform(trimString)
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class CooperativeDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: SellerKind }) kind: SellerKind;
  @ApiProperty({ example: 'hop-tac-xa-nong-nghiep-nhon-loc' }) slug: string;
  @ApiProperty() name: string;
  @ApiProperty({ example: '0100233488' }) taxCode: string;
  @ApiProperty() representative: string;
  @ApiProperty({ example: '+842563822123' }) phone: string;
  @ApiProperty() email: string;
  @ApiProperty({ example: '21910' }) wardCode: string;
  @ApiProperty({ example: 'An Nhơn' }) wardName: string;
  @ApiProperty({ type: [String], example: ['549'] }) formerDistrictCodes: string[];
  @ApiProperty({ nullable: true, type: String, description: 'Old commune code the address was given with' }) formerCommuneCode: string | null;
  @ApiProperty() addressLine: string;
  @ApiProperty({ nullable: true, type: String }) description: string | null;
  @ApiProperty({ nullable: true, type: String }) logoUrl: string | null;
  @ApiProperty({ enum: CooperativeStatus }) status: CooperativeStatus;
  @ApiProperty({ nullable: true, type: String, description: 'Why it was rejected or suspended' }) statusReason: string | null;
  @ApiProperty({ enum: MemberRole, nullable: true, description: "The caller's role in it; null for officials" }) myRole: MemberRole | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class MyCooperativeDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() slug: string;
  @ApiProperty({ enum: CooperativeStatus }) status: CooperativeStatus;
  @ApiProperty({ enum: MemberRole }) role: MemberRole;
}

export class MyCooperativeListDto {
  @ApiProperty({ type: [MyCooperativeDto] }) items: MyCooperativeDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: null;
}

export class CooperativeSearchDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: CooperativeStatus })
  @IsOptional()
  @IsEnum(CooperativeStatus)
  status?: CooperativeStatus;

  @ApiPropertyOptional({ example: '21910' })
  @IsOptional()
  @Matches(/^\d{5}$/)
  wardCode?: string;

  @ApiPropertyOptional({ example: '549', description: 'Former district (An Nhơn = 549)' })
  @IsOptional()
  @Matches(/^\d{3}$/)
  formerDistrictCode?: string;

  @ApiPropertyOptional({ description: 'Name, accents optional ("nhon loc"), or the first digits of the tax code' })
  @IsOptional()
  @Transform(trimString)
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ description: 'Exact tax code, or its first digits' })
  @IsOptional()
  @Matches(/^[\d-]{3,14}$/)
  taxCode?: string;
}

export class CooperativeSummaryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: SellerKind }) kind: SellerKind;
  @ApiProperty() name: string;
  @ApiProperty() slug: string;
  @ApiProperty() taxCode: string;
  @ApiProperty({ enum: CooperativeStatus }) status: CooperativeStatus;
  @ApiProperty() wardCode: string;
  @ApiProperty() wardName: string;
  @ApiProperty({ type: [String] }) formerDistrictCodes: string[];
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class CooperativePageDto {
  @ApiProperty({ type: [CooperativeSummaryDto] }) items: CooperativeSummaryDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class TimelineEntryDto {
  @ApiProperty({ enum: CooperativeStatus, nullable: true }) from: CooperativeStatus | null;
  @ApiProperty({ enum: CooperativeStatus }) to: CooperativeStatus;
  @ApiProperty({ nullable: true, type: String }) reason: string | null;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ nullable: true, type: String, description: "Who made the change (name only; officials' emails are not shown)" }) by: string | null;
}

export class TimelineDto {
  @ApiProperty({ type: [TimelineEntryDto] }) items: TimelineEntryDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: null;
}
