import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AppException, coreError } from '../errors/app.exception.js';
import { IS_PUBLIC, OWN_CREDENTIAL, REQUIRED_ROLES, type AuthenticatedRequest } from './decorators.js';
import { Role } from './role.js';
import { TokenService } from './token.service.js';
import { UsersService } from './users.service.js';

/**
 * Global guard: reads the Bearer token on every request (so public routes still know who calls),
 * refuses a missing or bad token unless the route is @Public(), then checks @Roles().
 *
 * A valid signature is not enough: the account must still exist and not be disabled, and its roles
 * are the ones it has now. An access token lives for minutes, but a disabled or deleted user, or an
 * official whose role was withdrawn, must not act for those minutes; nor may a token whose
 * session was logged out.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
    private readonly users: UsersService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets) ?? false;
    const ownCredential = this.reflector.getAllAndOverride<boolean>(OWN_CREDENTIAL, targets) ?? false;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = ownCredential ? undefined : request.headers.authorization;
    const [scheme, token] = header?.split(' ') ?? [];
    // A marketplace's push may sign in Authorization with its own scheme (a bare HMAC); public routes leave that to their handler.
    if (header && (scheme?.toLowerCase() === 'bearer' || !isPublic)) {
      if (scheme?.toLowerCase() !== 'bearer' || !token) throw coreError('TOKEN_INVALID');
      const claimed = await this.tokens.verifyAccessToken(token);
      const current = await this.users.activeAuthUser(claimed.id, claimed.sessionId);
      if (!current) throw coreError('TOKEN_INVALID');
      request.user = current;
    } else if (!isPublic) {
      throw AppException.unauthenticated();
    }
    const required = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, targets);
    if (!required?.length) return true;
    const roles = request.user?.roles ?? [];
    if (!request.user) throw AppException.unauthenticated();
    if (roles.includes(Role.Admin) || required.some((role) => roles.includes(role))) return true;
    throw AppException.forbidden();
  }
}
