import { Injectable, Logger } from '@nestjs/common';
import { hashPassword, Role, UsersService } from '@nongsan/core';
import { DemoCooperatives } from './cooperatives/demo-cooperatives.js';
import { DEMO_PASSWORD, type DemoLogin, type DemoSeedRun, type DemoSeedStep } from './demo-step.js';
import { DemoMoney } from './money/demo-money.js';
import { DemoProducts } from './products/demo-products.js';

/** Demo data for a first look at the marketplace: never run against a production database by default. */
@Injectable()
export class DemoSeedService implements DemoSeedRun {
  private readonly logger = new Logger(DemoSeedService.name);
  /** In the order they run: products belong to the cooperatives, and the money step buys products. */
  private readonly steps: DemoSeedStep[];
  /** The accounts every demo has, created here before any step runs. */
  private readonly accounts: DemoLogin[] = [
    { role: Role.Admin, email: 'admin@demo.nongsan.vn', password: DEMO_PASSWORD },
    { role: Role.Official, email: 'sct@demo.nongsan.vn', password: DEMO_PASSWORD },
    { role: Role.Buyer, email: 'nguoimua@demo.nongsan.vn', password: DEMO_PASSWORD },
  ];

  private hash?: Promise<string>;

  /** One argon2 hash of the demo password for every demo account: seventeen hashes were most of the first start. */
  passwordHash(): Promise<string> {
    return (this.hash ??= hashPassword(DEMO_PASSWORD));
  }

  constructor(
    private readonly users: UsersService,
    cooperatives: DemoCooperatives,
    products: DemoProducts,
    money: DemoMoney,
  ) {
    this.steps = [cooperatives, products, money];
  }

  /** Every demo login printed at start: the service's own accounts, then the steps'. */
  get logins(): DemoLogin[] {
    return [...this.accounts, ...this.steps.flatMap((step) => step.logins)];
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
      await step.run(this);
    }
    return this.logins;
  }
}
