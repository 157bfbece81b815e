import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { runProcess, say } from '@nongsan/runtime';
import { Logger } from 'nestjs-pino';
import { WorkerModule } from './worker.module.js';

/** A worker process for production, where the API runs with RUN_WORKER=false. Migrations are the API's job. */
runProcess(async (config) => {
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  say('worker running; press Ctrl-C to stop');
  return app;
});
