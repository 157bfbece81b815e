import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import argon2 from 'argon2';
import type { DataSource } from 'typeorm';
import { AccountRecoveryService } from './account-recovery.service.js';
import { coreError } from '../errors/app.exception.js';
import { toE164VietnamesePhone } from '../validation/phone.js';
import type { AuthResponseDto, LoginDto, RegisterDto, UserDto } from './dto/auth.dto.js';
import { LoginThrottleService } from './login-throttle.service.js';
import { assertAcceptablePassword } from './password-policy.js';
import { RegistrationThrottleService } from './registration-throttle.service.js';
import { Role, type AuthUser } from './role.js';
import { TokenService, type TokenPair } from './token.service.js';
import { toAuthUser, toUserDto, UsersService, hashPassword } from './users.service.js';

/** Compared against when the email is unknown, so a wrong email costs as long as a wrong password. */
const decoyHash = hashPassword('nongsan-decoy-password');

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersService,
    private readonly tokens: TokenService,
    private readonly throttle: LoginThrottleService,
    private readonly registrations: RegistrationThrottleService,
    private readonly recovery: AccountRecoveryService,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  /** The account and the e-mail that verifies its address exist together or not at all. */
  async register(input: RegisterDto, locale: string, ip: string): Promise<AuthResponseDto> {
    await this.registrations.begin(ip);
    assertAcceptablePassword(input.password, { email: input.email, fullName: input.fullName });
    const user = await this.db.transaction(async (manager) => {
      const created = await this.users.create(
        {
          email: input.email,
          password: input.password,
          fullName: input.fullName,
          phone: input.phone ? toE164VietnamesePhone(input.phone) : null,
          roles: [Role.Buyer],
          locale,
        },
        manager,
      );
      await this.recovery.requestEmailVerification(toAuthUser(created), manager);
      return created;
    });
    return this.respond(toUserDto(user), await this.tokens.issue(toAuthUser(user)));
  }

  async login(input: LoginDto, ip: string): Promise<AuthResponseDto> {
    await this.throttle.begin(input.email, ip);
    const user = await this.users.findByEmailWithPassword(input.email);
    const valid = await argon2.verify(user?.passwordHash ?? (await decoyHash), input.password);
    if (!user || !valid || user.disabledAt) {
      await this.throttle.recordFailure();
      throw coreError('INVALID_CREDENTIALS');
    }
    await this.throttle.clear(input.email, ip);
    return this.respond(toUserDto(user), await this.tokens.issue(toAuthUser(user)));
  }

  async refresh(refreshToken: string): Promise<AuthResponseDto> {
    let current: UserDto | undefined;
    const pair = await this.tokens.rotate(refreshToken, async (id, manager) => {
      const user = await this.users.findActiveById(id, manager);
      current = user ? toUserDto(user) : undefined;
      return user ? toAuthUser(user) : undefined;
    });
    return this.respond(current!, pair);
  }

  logout(refreshToken: string): Promise<void> {
    return this.tokens.revokeFamily(refreshToken);
  }

  async me(caller: AuthUser): Promise<UserDto> {
    const user = await this.users.findActiveById(caller.id);
    if (!user) throw coreError('TOKEN_INVALID');
    return toUserDto(user);
  }

  private respond(user: UserDto, pair: TokenPair): AuthResponseDto {
    return { user, ...pair };
  }
}
