import 'reflect-metadata';
import { ConnectionsService } from '@nongsan/channels';
import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { AppConfig, installQueueSchema, loadSettings, passwordIssues, Role, ROLES, runMigrations, SettingsError, translate, UsersService } from '@nongsan/core';
import { DemoSeedService } from '@nongsan/demo';
import { startRuntime } from '@nongsan/runtime';
import { Command, InvalidArgumentError, Option } from 'commander';
import { migrations } from '../../../migrations/index.js';
import { CliModule } from './cli.module.js';

const print = (line: string) => process.stdout.write(`${line}\n`);

/**
 * Runs `task` with the same settings as the app. With the embedded database and the app stopped,
 * it starts PostgreSQL itself; with the app running, it uses the server the app started.
 */
async function withConfig(task: (config: AppConfig) => Promise<void>): Promise<void> {
  const settings = loadSettings({ LOG_LEVEL: 'warn', ...process.env });
  const runtime = await startRuntime(settings, { shareRunning: true, log: (line) => settings.logLevel === 'debug' && print(line) });
  try {
    await task(runtime.config);
  } finally {
    await runtime.stop();
  }
}

async function withServices(task: (app: INestApplicationContext) => Promise<void>): Promise<void> {
  await withConfig(async (config) => {
    await runMigrations(config.databaseUrl, migrations);
    await installQueueSchema(config.databaseUrl);
    const app = await NestFactory.createApplicationContext(CliModule.forRoot(config), { logger: ['error', 'warn'] });
    try {
      await task(app);
    } finally {
      await app.close();
    }
  });
}

/** `finance` is a permission given with --finance, not a role of its own. */
const MAIN_ROLES = ROLES.filter((r) => r !== Role.Finance);

function parseRole(value: string): Role {
  if (!(MAIN_ROLES as string[]).includes(value)) throw new InvalidArgumentError(`must be one of ${MAIN_ROLES.join(', ')}`);
  return value as Role;
}

const program = new Command('nongsan').description('Nongsan marketplace command line').showHelpAfterError();

program
  .command('migrate')
  .description('apply pending database migrations (the app also does this at start)')
  .action(() =>
    withConfig(async (config) => {
      const applied = await runMigrations(config.databaseUrl, migrations);
      await installQueueSchema(config.databaseUrl);
      print(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date');
    }),
  );

program
  .command('user:create')
  .description('create a user (or reset an existing one) — how the first official of a deployment is made')
  .addOption(new Option('--role <role>', `one of ${MAIN_ROLES.join(', ')}`).argParser(parseRole).makeOptionMandatory())
  .requiredOption('--email <email>', 'sign-in email')
  .requiredOption('--password <password>', 'at least 8 characters')
  .option('--name <fullName>', 'full name', 'Cán bộ Sở Công Thương')
  .option('--finance', 'an official who acts for the collector (VIETQR_* account): confirms transfers, imports bank statements, records refunds and payouts')
  .action((options: { role: Role; email: string; password: string; name: string; finance?: boolean }) => {
    if (options.password.length < 8) throw new InvalidArgumentError('--password must be at least 8 characters');
    if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(options.email)) throw new InvalidArgumentError('--email must be an email address');
    if (options.finance && options.role !== Role.Official) throw new InvalidArgumentError('--finance is given to officials only (admins have it already)');
    // The same password policy as registration: this is how an official's (or a reset) password is set.
    const weak = passwordIssues(options.password, { email: options.email, fullName: options.name }, '--password');
    if (weak.length > 0) throw new InvalidArgumentError(weak.map((issue) => translate('en', issue.key, { field: issue.field, ...issue.params })).join(' '));
    const roles = options.finance ? [options.role, Role.Finance] : [options.role];
    return withServices(async (app) => {
      const user = await app.get(UsersService).upsert({ email: options.email, password: options.password, fullName: options.name, roles });
      print(`user ${user.email} (${user.roles.join(', ')}) id ${user.id}`);
    });
  });

program
  .command('seed:demo')
  .description('load the demo data (idempotent)')
  .action(() =>
    withServices(async (app) => {
      const logins = await app.get(DemoSeedService).run();
      print('demo data loaded; logins:');
      for (const login of logins) print(`  ${login.role.padEnd(10)} ${login.email} / ${login.password}`);
    }),
  );

program
  .command('channels:sync')
  .description('queue a full sync of every connected shop of a cooperative (a worker or the app carries it out)')
  .requiredOption('--cooperative <id>', 'the cooperative id')
  .action((options: { cooperative: string }) => {
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(options.cooperative))
      throw new InvalidArgumentError('--cooperative must be a cooperative id (uuid)');
    return withServices(async (app) => {
      const jobs = await app.get(ConnectionsService).resyncCooperative(options.cooperative);
      if (jobs.length === 0) print('no connected shop for this cooperative: nothing to sync');
      for (const job of jobs) print(`queued full sync: job ${job} (GET /api/v1/jobs/${job})`);
    });
  });

program.parseAsync().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(
      `error: ${error instanceof SettingsError || error instanceof InvalidArgumentError ? error.message : ((error as Error).stack ?? String(error))}\n`,
    );
    process.exit(1);
  },
);
