import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { installQueueSchema, runMigrations } from '@nongsan/core';
import { DemoSeedService } from '@nongsan/demo';
import { runProcess, say } from '@nongsan/runtime';
import { migrations } from '../../../migrations/index.js';
import { AppModule } from './app.module.js';
import { configureApp } from './configure-app.js';

/**
 * `npm start`: embedded PostgreSQL and S3 unless configured otherwise, migrations, the API, and
 * (RUN_WORKER, default on) the queue workers, all in this one process.
 */
runProcess(async (config) => {
  const applied = await runMigrations(config.databaseUrl, migrations);
  if (applied.length > 0) say(`applied migrations: ${applied.join(', ')}`);
  await installQueueSchema(config.databaseUrl);

  const app = await NestFactory.create(AppModule.forRoot(config), { bodyParser: false, bufferLogs: true });
  try {
    configureApp(app, config);
    await app.init();
    if (config.seedDemo) {
      await app.get(DemoSeedService).run();
      say('demo data loaded');
    }
    await app.listen(config.port, config.host);
  } catch (error) {
    await app.close();
    throw error;
  }

  const { port } = app.getHttpServer().address() as { port: number };
  const url = `http://localhost:${port}`;
  say(`Nongsan is running at ${url}`);
  say(`${config.swaggerEnabled ? `API docs ${url}/api/docs · ` : ''}readiness ${url}/health/ready`);
  say(`queue workers: ${config.runWorker ? 'running in this process' : 'off (RUN_WORKER=false)'}`);
  const logins = await app.get(DemoSeedService).existingLogins();
  if (logins.length > 0) {
    say('demo logins:');
    for (const login of logins) say(`  ${login.role.padEnd(10)} ${login.email} / ${login.password}`);
  }
  say('press Ctrl-C to stop');
  return app;
});
