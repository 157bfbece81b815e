import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { IsVietnamesePhone } from '../../validation/phone.js';
import { IsNewPassword } from './password.js';
import { Role } from '../role.js';
import { trimString } from '../../text/text.js';

export class RegisterDto {
  @ApiProperty({ example: 'lan.nguyen@example.vn', maxLength: 254 })
  @Transform(trimString)
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiProperty({ minLength: 8, maxLength: 128, example: 'mật-khẩu-dài-đủ' })
  @IsNewPassword()
  password: string;

  @ApiProperty({ example: 'Nguyễn Thị Lan', maxLength: 120 })
  @Transform(trimString)
  @IsString()
  @MinLength(1)
  @MaxLength(120)
  fullName: string;

  @ApiPropertyOptional({ example: '0905 123 456', description: 'Vietnamese phone number; stored as E.164 (+84…)' })
  @IsOptional()
  @IsVietnamesePhone()
  phone?: string;
}

export class LoginDto {
  @ApiProperty({ example: 'lan.nguyen@example.vn' })
  @Transform(trimString)
  @IsString()
  @MaxLength(254)
  email: string;

  @ApiProperty()
  @IsString()
  @MaxLength(128)
  password: string;
}

export class RefreshDto {
  @ApiProperty({ description: 'The refresh token from register, login or the previous refresh' })
  @IsString()
  @MaxLength(200)
  refreshToken: string;
}

export class UserDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  email: string;

  @ApiProperty()
  fullName: string;

  @ApiProperty({ nullable: true, type: String, example: '+84905123456' })
  phone: string | null;

  @ApiProperty({ enum: Role, isArray: true })
  roles: Role[];

  @ApiProperty({ example: 'vi' })
  locale: string;

  @ApiProperty({ description: 'Whether the e-mail address was confirmed through its link' })
  emailVerified: boolean;
}

export class PasswordResetRequestDto {
  @ApiProperty({ example: 'lan.nguyen@example.vn', maxLength: 254 })
  @Transform(trimString)
  @IsEmail()
  @MaxLength(254)
  email: string;
}

export class PasswordResetConfirmDto {
  @ApiProperty({ description: 'The token from the link in the reset e-mail' })
  @IsString()
  @MinLength(10)
  @MaxLength(200)
  token: string;

  @ApiProperty({ minLength: 8, maxLength: 128, description: 'The new password; the same rules as at registration' })
  @IsNewPassword()
  password: string;
}

export class EmailVerificationConfirmDto {
  @ApiProperty({ description: 'The token from the link in the verification e-mail' })
  @IsString()
  @MinLength(10)
  @MaxLength(200)
  token: string;
}

export class AuthResponseDto {
  @ApiProperty({ type: UserDto })
  user: UserDto;

  @ApiProperty({ description: 'JWT to send as `Authorization: Bearer …`' })
  accessToken: string;

  @ApiProperty({ description: 'Opaque; exchange at POST /auth/refresh. Each one works once.' })
  refreshToken: string;

  @ApiProperty({ description: 'Seconds until the access token expires', example: 900 })
  expiresIn: number;
}
