import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { Module, type DynamicModule, type INestApplication, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppConfig, loadSettings, Role, UsersService } from '@nongsan/core';
import { startEmbeddedS3 } from '@nongsan/runtime';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { getDataSourceToken } from '@nestjs/typeorm';
import { AppModule } from '../../apps/api/src/app.module.js';
import { configureApp } from '../../apps/api/src/configure-app.js';
import { createTestDatabase } from './database.js';

export interface TestApp {
  app: INestApplication;
  config: AppConfig;
  db: DataSource;
  /** supertest against the app, as a browser or client would call it. */
  http(): ReturnType<typeof request>;
  /** Keys stored under `prefix` in the test's bucket, listed through the S3 API. */
  objectKeys(prefix: string): Promise<string[]>;
  close(): Promise<void>;
}

export interface TestAppOptions {
  /** Extra environment settings, as an operator would set them. */
  env?: Record<string, string>;
  /** Test-only modules (e.g. a controller that throws) mounted beside the real app. */
  imports?: Array<Type | DynamicModule>;
}

/**
 * The real application — same modules and HTTP setup as `npm start` — on its own database cloned
 * from the template and its own embedded S3 server.
 */
export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const objectsDir = await fs.mkdtemp(path.join(os.tmpdir(), 'nongsan-test-s3-'));
  const s3Credentials = { accessKeyId: 'nongsan-test', secretAccessKey: randomBytes(24).toString('base64url') };
  const s3 = await startEmbeddedS3({ directory: objectsDir, port: 0, bucket: 'nongsan-test', credentials: s3Credentials });
  const settings = loadSettings({
    LOG_LEVEL: 'silent',
    S3_BUCKET: 'nongsan-test',
    // Test buyers are minutes old and place many cash-on-delivery orders; cod-rules.e2e.spec.ts sets the real limit.
    COD_OPEN_ORDERS_PER_NEW_ACCOUNT: '1000',
    // Every test client is 127.0.0.1, and signIn registers each buyer: the limit has its own test.
    REGISTRATIONS_PER_IP_PER_HOUR: '1000000',
    // Public objects straight from the test's S3 server, so tests can fetch them; media.e2e covers the app-served default.
    S3_PUBLIC_URL: `${s3.endpoint}/nongsan-test`,
    ...options.env,
    DATABASE_URL: database.url,
    S3_ENDPOINT: s3.endpoint,
    S3_ACCESS_KEY_ID: s3Credentials.accessKeyId,
    S3_SECRET_ACCESS_KEY: s3Credentials.secretAccessKey,
  });
  const config: AppConfig = {
    ...settings,
    databaseUrl: database.url,
    s3: { ...settings.s3, endpoint: s3.endpoint, secretAccessKey: s3Credentials.secretAccessKey },
    jwtSecret: settings.jwtSecret ?? randomBytes(32).toString('hex'),
    credentialsKey: settings.credentialsKey ?? randomBytes(32).toString('base64'),
    seedDemo: false,
    // Without SMTP_URL mail goes to a closed local port: it waits in the outbox (notifications.e2e starts real SMTP servers).
    notifications: { ...settings.notifications, smtpUrl: settings.notifications.smtpUrl ?? 'smtp://127.0.0.1:9' },
  };

  @Module({ imports: [AppModule.forRoot(config), ...(options.imports ?? [])] })
  class TestRootModule {}

  const app = await NestFactory.create(TestRootModule, { bodyParser: false, logger: false });
  configureApp(app, config);
  await app.init();
  return {
    app,
    config,
    db: app.get<DataSource>(getDataSourceToken()),
    http: () => request(app.getHttpServer()),
    objectKeys: async (prefix) => {
      const client = new S3Client({
        endpoint: s3.endpoint,
        region: config.s3.region,
        forcePathStyle: true,
        credentials: { accessKeyId: config.s3.accessKeyId, secretAccessKey: config.s3.secretAccessKey },
      });
      const out = await client.send(new ListObjectsV2Command({ Bucket: config.s3.bucket, Prefix: prefix }));
      client.destroy();
      return (out.Contents ?? []).map((o) => o.Key!);
    },
    close: async () => {
      await app.close();
      await s3.close();
      await database.drop();
      await fs.rm(objectsDir, { recursive: true, force: true });
    },
  };
}

export interface Session {
  userId: string;
  email: string;
  accessToken: string;
  refreshToken: string;
  auth: { Authorization: string };
}

let counter = 0;

/** An official acting for the collector: confirms transfers, records refunds and payouts (`user:create --finance`). */
export const signInCollector = (t: TestApp) => signIn(t, [Role.Official, Role.Finance]);

/** A user signed in with the given role (or roles); buyers register over HTTP like anyone else. */
export async function signIn(t: TestApp, role: Role | Role[] = Role.Buyer, email?: string): Promise<Session> {
  const roles = Array.isArray(role) ? role : [role];
  const address = email ?? `${roles.join('-')}-${Date.now()}-${++counter}@test.nongsan.vn`;
  const password = 'mat-khau-thu-nghiem';
  if (roles.length === 1 && roles[0] === Role.Buyer) {
    await t.http().post('/api/v1/auth/register').send({ email: address, password, fullName: 'Người Thử' }).expect(201);
  } else {
    await t.app.get(UsersService).upsert({ email: address, password, fullName: 'Người Thử', roles });
  }
  const { body } = await t.http().post('/api/v1/auth/login').send({ email: address, password }).expect(200);
  return {
    userId: body.user.id,
    email: address,
    accessToken: body.accessToken,
    refreshToken: body.refreshToken,
    auth: { Authorization: `Bearer ${body.accessToken}` },
  };
}

/** Makes `member` a member of the cooperative the way people do it: `admin` invites, `member` accepts. */
export async function addMember(
  t: TestApp,
  admin: Session,
  cooperativeId: string,
  member: Session,
  role: 'coop_admin' | 'coop_member' = 'coop_member',
): Promise<void> {
  const invitation = await t.http().post(`/api/v1/cooperatives/${cooperativeId}/invitations`).set(admin.auth).send({ email: member.email, role }).expect(202);
  await t.http().post(`/api/v1/me/invitations/${invitation.body.id}/accept`).set(member.auth).expect(200);
}
