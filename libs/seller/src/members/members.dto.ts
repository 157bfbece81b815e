import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsEnum, IsOptional, MaxLength } from 'class-validator';
import { MemberRole } from '../cooperatives/cooperative.entities.js';

export class AddMemberDto {
  @ApiProperty({ example: 'thu.tran@example.vn', description: 'The email the person registered with' })
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiProperty({ enum: MemberRole, required: false, default: MemberRole.Member })
  @IsOptional()
  @IsEnum(MemberRole)
  role?: MemberRole;
}

export class ChangeRoleDto {
  @ApiProperty({ enum: MemberRole })
  @IsEnum(MemberRole)
  role: MemberRole;
}

export class MemberDto {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() fullName: string;
  @ApiProperty() email: string;
  @ApiProperty({ enum: MemberRole }) role: MemberRole;
  @ApiProperty({ format: 'date-time' }) since: string;
}

export class MemberListDto {
  @ApiProperty({ type: [MemberDto] }) items: MemberDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: null;
}
