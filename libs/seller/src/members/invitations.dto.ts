import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsEnum, IsOptional, MaxLength } from 'class-validator';
import { MemberRole } from '../cooperatives/cooperative.entities.js';

export class InviteMemberDto {
  @ApiProperty({ example: 'thu.tran@example.vn', description: 'Where the invitation goes; the person accepts it signed in with this e-mail' })
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiProperty({ enum: MemberRole, required: false, default: MemberRole.Member })
  @IsOptional()
  @IsEnum(MemberRole)
  role?: MemberRole;
}

/** What the cooperative's admins see of an invitation: never whether the address has an account. */
export class InvitationDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() email: string;
  @ApiProperty({ enum: MemberRole }) role: MemberRole;
  @ApiProperty({ format: 'date-time' }) expiresAt: string;
}

export class InvitationListDto {
  @ApiProperty({ type: [InvitationDto] }) items: InvitationDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: null;
}

/** What the invited person sees. */
export class MyInvitationDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) cooperativeId: string;
  @ApiProperty() cooperativeName: string;
  @ApiProperty({ enum: MemberRole }) role: MemberRole;
  @ApiProperty({ nullable: true, type: String, description: 'The admin who invited; null if that account is gone' }) invitedByName: string | null;
  @ApiProperty({ format: 'date-time' }) expiresAt: string;
}

export class MyInvitationListDto {
  @ApiProperty({ type: [MyInvitationDto] }) items: MyInvitationDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: null;
}

export class AcceptedInvitationDto {
  @ApiProperty({ format: 'uuid' }) cooperativeId: string;
  @ApiProperty({ enum: MemberRole }) role: MemberRole;
}
