import { applyDecorators } from '@nestjs/common';
import { IsString, MaxLength, MinLength } from 'class-validator';

/**
 * The one rule for a password a person chooses — at registration and at a reset alike — so the
 * two can never drift apart. Checks added later (common passwords) go here.
 */
export const IsNewPassword = () => applyDecorators(IsString(), MinLength(8), MaxLength(128));
