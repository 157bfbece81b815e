import { createSecretKey, randomUUID } from 'node:crypto';
import { Global, Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { TerminusModule } from '@nestjs/terminus';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import type { IncomingMessage } from 'node:http';
import { AdminUnitsController } from './admin-units/admin-units.controller.js';
import { AdminUnitsService } from './admin-units/admin-units.service.js';
import { FormerCommune, FormerDistrict, Ward } from './admin-units/admin-unit.entities.js';
import { AuditLog } from './audit/audit-log.entity.js';
import { AuditController } from './audit/audit.controller.js';
import { AuditService } from './audit/audit.service.js';
import { AuthController } from './auth/auth.controller.js';
import { AuthGuard } from './auth/auth.guard.js';
import { AuthService } from './auth/auth.service.js';
import { AccountRecoveryService } from './auth/account-recovery.service.js';
import { LoginThrottleService } from './auth/login-throttle.service.js';
import { RegistrationThrottleService } from './auth/registration-throttle.service.js';
import { RefreshToken } from './auth/refresh-token.entity.js';
import { TokenService } from './auth/token.service.js';
import { User } from './auth/user.entity.js';
import { UsersService } from './auth/users.service.js';
import { AppConfig } from './config/app-config.js';
import { AllExceptionsFilter } from './errors/all-exceptions.filter.js';
import { createValidationPipe } from './errors/validation.js';
import { HealthController } from './health/health.controller.js';
import { MetricsController, MetricsService } from './health/metrics.js';
import { loggedUrl } from './http/logged-url.js';
import { Job } from './jobs/job.entity.js';
import { JobsService } from './jobs/jobs.service.js';
import { Notification } from './notifications/notification.entity.js';
import { NotificationOutbox } from './notifications/notification-outbox.service.js';
import { notificationProviders } from './notifications/notifications.providers.js';
import { CaughtMailController } from './notifications/email/caught-mail.controller.js';
import { NotificationAudience } from './notifications/notification-audience.js';
import { NotificationPreferencesController } from './notifications/preferences/notification-preferences.js';
import { QueueService } from './queue/queue.service.js';
import { ObjectStorage } from './storage/object-storage.js';
import { MediaController } from './storage/media.controller.js';
import { S3ObjectStorage } from './storage/s3-object-storage.js';

const entities = [User, RefreshToken, AuditLog, Ward, FormerDistrict, FormerCommune, Notification, Job];
const exported = [
  AppConfig,
  UsersService,
  TokenService,
  AuditService,
  AdminUnitsService,
  ObjectStorage,
  QueueService,
  MetricsService,
  NotificationOutbox,
  NotificationAudience,
  JobsService,
];

/**
 * What every bounded context needs: config, database, auth and roles, errors, object storage,
 * queue, audit log, administrative units, health and metrics. Global, imported once by each app.
 */
@Global()
@Module({})
export class CoreModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: CoreModule,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: {
            level: config.logLevel,
            genReqId: (request: IncomingMessage) => (request as IncomingMessage & { id?: string }).id ?? randomUUID(),
            // A failed query's error carries its parameters (TypeORM's QueryFailedError): a new account's password hash, personal data.
            redact: {
              paths: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]', 'err.parameters', 'err.cause.parameters'],
              remove: true,
            },
            // A path that is its own credential (registered with hideInLoggedUrls) must not reach the logs.
            serializers: {
              req: (req: { url?: string; params?: unknown }) => ({
                ...req,
                url: req.url === undefined ? undefined : loggedUrl(req.url),
                params: undefined,
                query: undefined,
              }),
            },
            autoLogging: { ignore: (request) => /^\/(health|metrics)/.test(request.url ?? '') },
          },
        }),
        TypeOrmModule.forRoot({
          type: 'postgres',
          url: config.databaseUrl,
          autoLoadEntities: true,
          synchronize: false,
          migrationsRun: false,
          poolSize: config.databasePoolSize,
          applicationName: 'nongsan',
          // No JIT: PostgreSQL compiles a statement whose estimated cost passes jit_above_cost, and
          // the search's per-band statements pass it at 1,000,000 products on an estimate (a lone
          // word it cannot size): 23 ms of compiling for 0.6 ms of work. Embedded PostgreSQL has no
          // JIT, so every benchmark figure is without it; distribution packages turn it on.
          extra: { options: '-c jit=off' },
          // Off: TypeORM's error log prints query parameters, i.e. password hashes and personal data.
          logging: false,
        }),
        TypeOrmModule.forFeature(entities),
        // A KeyObject, not the string: given a string, jsonwebtoken first tries it as a PEM public (or
        // private) key and catches the failure, on every verify and sign — 0.7 ms of CPU each,
        // against 0.014 ms with the key object (bench/checkout.mjs, docs/benchmarks.md).
        JwtModule.register({ secret: createSecretKey(Buffer.from(config.jwtSecret)) }),
        TerminusModule.forRoot({ logger: false }),
      ],
      controllers: [
        AuthController,
        AuditController,
        AdminUnitsController,
        HealthController,
        MetricsController,
        MediaController,
        CaughtMailController,
        NotificationPreferencesController,
      ],
      providers: [
        { provide: AppConfig, useValue: config },
        { provide: ObjectStorage, useClass: S3ObjectStorage },
        { provide: APP_FILTER, useClass: AllExceptionsFilter },
        { provide: APP_PIPE, useFactory: createValidationPipe },
        { provide: APP_GUARD, useClass: AuthGuard },
        UsersService,
        TokenService,
        LoginThrottleService,
        RegistrationThrottleService,
        AuthService,
        AccountRecoveryService,
        AuditService,
        AdminUnitsService,
        QueueService,
        MetricsService,
        ...notificationProviders,
        JobsService,
      ],
      exports: exported,
    };
  }
}
