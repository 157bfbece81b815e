import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { Roles } from '../../auth/decorators.js';
import { Role } from '../../auth/role.js';
import { AppConfig } from '../../config/app-config.js';
import { ErrorResponseDto } from '../../errors/error-response.dto.js';
import { readCaughtMail } from './mail-catcher.js';

export class CaughtMailQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}

export class CaughtMailDto {
  @ApiProperty()
  id: string;

  @ApiProperty({ format: 'date-time' })
  receivedAt: string;

  @ApiProperty()
  from: string;

  @ApiProperty()
  to: string;

  @ApiProperty()
  subject: string;

  @ApiProperty({ description: 'The text part' })
  text: string;

  @ApiProperty({ nullable: true, type: String, description: 'The HTML part' })
  html: string | null;
}

export class CaughtMailListDto {
  @ApiProperty({ description: 'False when SMTP_URL is set: mail goes to a real server and nothing is caught here' })
  catcherEnabled: boolean;

  @ApiProperty({ type: [CaughtMailDto], description: 'Newest first' })
  items: CaughtMailDto[];
}

/** The embedded default's caught mail, so a newcomer sees what the app sends without a mail server. */
@ApiTags('admin')
@ApiBearerAuth()
@Controller('admin/mail')
export class CaughtMailController {
  constructor(private readonly config: AppConfig) {}

  @Get()
  @Roles(Role.Admin)
  @ApiOkResponse({ type: CaughtMailListDto })
  @ApiForbiddenResponse({ type: ErrorResponseDto })
  async list(@Query() query: CaughtMailQueryDto): Promise<CaughtMailListDto> {
    const directory = this.config.notifications.mailCatcherDir;
    if (!directory) return { catcherEnabled: false, items: [] };
    return { catcherEnabled: true, items: await readCaughtMail(directory, query.limit ?? 50) };
  }
}
