import { Injectable, Logger } from '@nestjs/common';
import { hashPassword, UsersService } from '../auth/users.service.js';
import { Role } from '../auth/role.js';

export interface DemoLogin {
  role: string;
  email: string;
  password: string;
}

/** A step of the demo data; feature modules register theirs in onModuleInit. Steps must be idempotent. */
export type DemoSeedStep = () => Promise<void>;

export const DEMO_PASSWORD = 'nongsan-demo';

/** Demo data for a first look at the marketplace: never run against a production database by default. */
@Injectable()
export class DemoSeedService {
  private readonly logger = new Logger(DemoSeedService.name);
  private readonly steps: Array<{ name: string; run: DemoSeedStep }> = [];
  /** The accounts every demo has, created here before any step runs. */
  private readonly accounts: DemoLogin[] = [
    { role: Role.Admin, email: 'admin@demo.nongsan.vn', password: DEMO_PASSWORD },
    { role: Role.Official, email: 'sct@demo.nongsan.vn', password: DEMO_PASSWORD },
    { role: Role.Buyer, email: 'nguoimua@demo.nongsan.vn', password: DEMO_PASSWORD },
  ];
  /** Accounts that steps create (and print here, so `npm start` can show them). */
  private readonly stepLogins: DemoLogin[] = [];

  /** The password of every demo account, for steps that create their own. */
  readonly password = DEMO_PASSWORD;
  private hash?: Promise<string>;

  /** One argon2 hash of the demo password for every demo account: seventeen hashes were most of the first start. */
  passwordHash(): Promise<string> {
    return (this.hash ??= hashPassword(DEMO_PASSWORD));
  }

  constructor(private readonly users: UsersService) {}

  /** `logins`: accounts the step creates that are worth printing at start. */
  register(name: string, run: DemoSeedStep, logins: DemoLogin[] = []): void {
    this.steps.push({ name, run });
    this.stepLogins.push(...logins);
  }

  /** Every demo login printed at start: the service's own accounts, then the steps'. */
  get logins(): DemoLogin[] {
    return [...this.accounts, ...this.stepLogins];
  }

  /** The demo accounts that exist here (none on a database that was never seeded). */
  async existingLogins(): Promise<DemoLogin[]> {
    const found: DemoLogin[] = [];
    for (const login of this.logins) if (await this.users.emailExists(login.email)) found.push(login);
    return found;
  }

  async run(): Promise<DemoLogin[]> {
    const names: Record<string, string> = {
      [Role.Admin]: 'Quản trị Nông Sản',
      [Role.Official]: 'Cán bộ Sở Công Thương',
      [Role.Buyer]: 'Nguyễn Văn An',
    };
    for (const login of this.accounts) {
      await this.users.upsert({ email: login.email, passwordHash: await this.passwordHash(), fullName: names[login.role], roles: [login.role as Role] });
    }
    for (const step of this.steps) {
      this.logger.log(`seeding ${step.name}`);
      await step.run();
    }
    return this.logins;
  }
}
