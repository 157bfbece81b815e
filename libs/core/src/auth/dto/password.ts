import { applyDecorators } from '@nestjs/common';
import { IsString, MaxLength, MinLength } from 'class-validator';

/**
 * The one rule for a password a person chooses — at registration and at a reset alike — so the
 * two can never drift apart. Checks added later (common passwords) go here.
 */
// Listed in the order stacked decorators are applied (bottom-up), so a non-string is reported as such first.
export const IsNewPassword = () => applyDecorators(MaxLength(128), MinLength(8), IsString());
