import { applyDecorators, createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import type { AuthUser, Role } from './role.js';

export const IS_PUBLIC = 'nongsan:public';
export const REQUIRED_ROLES = 'nongsan:roles';
export const OWN_CREDENTIAL = 'nongsan:own-credential';

/** Every route needs a valid access token unless marked public. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** A public route whose handler checks the Authorization header itself (a static scraper token): the guard reads no user from it. */
export const OwnCredential = () => applyDecorators(Public(), SetMetadata(OWN_CREDENTIAL, true));

/** The caller needs one of these roles (an admin passes every role check). */
export const Roles = (...roles: Role[]) => SetMetadata(REQUIRED_ROLES, roles);

export type AuthenticatedRequest = Request & { user?: AuthUser };

export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthUser | undefined => {
  return ctx.switchToHttp().getRequest<AuthenticatedRequest>().user;
});
