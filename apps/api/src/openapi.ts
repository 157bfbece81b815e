import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { NestFactory } from '@nestjs/core';
import { loadSettings, type AppConfig } from '@nongsan/core';
import { AppModule } from './app.module.js';
import { openApiDocument, setGlobalPrefix } from './configure-app.js';

/**
 * Writes the OpenAPI document without a database: Nest's preview mode resolves the module graph
 * and the routes but instantiates nothing. `npm run api:client` turns it into the web app's
 * typed client; `npm run api:check` fails when the checked-in client no longer matches.
 */
const settings = loadSettings({});
const unused = 'not-used-in-preview';
const config: AppConfig = {
  ...settings,
  databaseUrl: 'postgres://preview@127.0.0.1:1/preview',
  s3: { ...settings.s3, endpoint: 'http://127.0.0.1:1', secretAccessKey: unused },
  jwtSecret: unused,
  credentialsKey: unused,
  seedDemo: false,
  notifications: { ...settings.notifications, smtpUrl: 'smtp://127.0.0.1:1' },
};
const app = await NestFactory.create(AppModule.forRoot(config), { preview: true, logger: false, abortOnError: false });
setGlobalPrefix(app);
const document = openApiDocument(app);
const target = process.argv[2];
const json = `${JSON.stringify(document, null, 2)}\n`;
if (target) writeFileSync(target, json);
else process.stdout.write(json);
await app.close();
