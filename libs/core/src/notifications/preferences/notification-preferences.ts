import { Body, Controller, Get, Injectable, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { ArrayMaxSize, IsArray, IsIn } from 'class-validator';
import type { DataSource } from 'typeorm';
import { CurrentUser } from '../../auth/decorators.js';
import type { AuthUser } from '../../auth/role.js';
import { TEMPLATES } from '../templates/templates.js';

/** The moments a person may turn off; resets, verification and the buyer's order states always go. */
export const OPTIONAL_TEMPLATES = Object.keys(TEMPLATES).filter((t) => TEMPLATES[t].optional);

export class NotificationPreferenceDto {
  @ApiProperty({ enum: OPTIONAL_TEMPLATES, example: 'order.new' })
  template: string;

  @ApiProperty()
  enabled: boolean;
}

export class NotificationPreferencesDto {
  @ApiProperty({ type: [NotificationPreferenceDto], description: 'Every optional message; the others cannot be turned off' })
  items: NotificationPreferenceDto[];
}

export class UpdateNotificationPreferencesDto {
  @ApiProperty({ enum: OPTIONAL_TEMPLATES, isArray: true, description: 'The optional messages to turn off (all others are on)' })
  @IsArray()
  @ArrayMaxSize(50)
  @IsIn(OPTIONAL_TEMPLATES, { each: true })
  disabled: string[];
}

@Injectable()
export class NotificationPreferencesService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async get(user: AuthUser): Promise<NotificationPreferencesDto> {
    const [row] = await this.db.query<Array<{ opt_outs: string[] }>>(`SELECT notification_opt_outs AS opt_outs FROM users WHERE id = $1`, [user.id]);
    const off = new Set(row?.opt_outs ?? []);
    return { items: OPTIONAL_TEMPLATES.map((template) => ({ template, enabled: !off.has(template) })) };
  }

  async set(user: AuthUser, input: UpdateNotificationPreferencesDto): Promise<NotificationPreferencesDto> {
    await this.db.query(`UPDATE users SET notification_opt_outs = $2, updated_at = now() WHERE id = $1`, [user.id, [...new Set(input.disabled)].sort()]);
    return this.get(user);
  }
}

@ApiTags('auth')
@ApiBearerAuth()
@Controller('me/notification-preferences')
export class NotificationPreferencesController {
  constructor(private readonly preferences: NotificationPreferencesService) {}

  @Get()
  @ApiOkResponse({ type: NotificationPreferencesDto })
  get(@CurrentUser() user: AuthUser): Promise<NotificationPreferencesDto> {
    return this.preferences.get(user);
  }

  @Put()
  @ApiOkResponse({ type: NotificationPreferencesDto })
  set(@CurrentUser() user: AuthUser, @Body() body: UpdateNotificationPreferencesDto): Promise<NotificationPreferencesDto> {
    return this.preferences.set(user, body);
  }
}
