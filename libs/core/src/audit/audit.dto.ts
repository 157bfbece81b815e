import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { PageQueryDto } from '../pagination/pagination.js';

export class AuditQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Entity type, e.g. cooperative', example: 'cooperative' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  entity?: string;

  @ApiPropertyOptional({ description: 'Entity id' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  id?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'A cooperative’s whole trail: its own changes and those of its products, papers, members and orders' })
  @IsOptional()
  @IsUUID()
  cooperativeId?: string;
}

export class AuditEntryDto {
  @ApiProperty() id: string;
  @ApiProperty({ format: 'date-time' }) occurredAt: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) actorUserId: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'The actor’s full name; null for the system (jobs, CLI) or a deleted account' }) actorName:
    string | null;
  @ApiProperty({ type: [String] }) actorRoles: string[];
  @ApiProperty({ example: 'cooperative.approve' }) action: string;
  @ApiProperty({ example: 'cooperative' }) entity: string;
  @ApiProperty() entityId: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) cooperativeId: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) data: Record<string, unknown>;
  @ApiProperty({ nullable: true, type: String }) ip: string | null;
  @ApiProperty({ nullable: true, type: String }) requestId: string | null;
}

export class AuditPageDto {
  @ApiProperty({ type: [AuditEntryDto] }) items: AuditEntryDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
