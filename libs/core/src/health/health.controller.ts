import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator, type HealthCheckResult } from '@nestjs/terminus';
import { Public } from '../auth/decorators.js';
import { coreError } from '../errors/app.exception.js';
import { ErrorResponseDto } from '../errors/error-response.dto.js';
import { QueueService } from '../queue/queue.service.js';
import { ObjectStorage } from '../storage/object-storage.js';

const TIMEOUT_MS = 3000;

@ApiTags('ops')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    private readonly storage: ObjectStorage,
    private readonly queue: QueueService,
  ) {}

  /** Liveness: the process answers. Dependencies are the readiness probe's business. */
  @Get()
  @ApiOkResponse({ schema: { example: { status: 'ok' } } })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  @ApiOkResponse({ description: 'Database, object storage and queue all answer' })
  @ApiServiceUnavailableResponse({ type: ErrorResponseDto, description: 'details name each dependency that is down' })
  async ready(): Promise<HealthCheckResult> {
    try {
      return await this.health.check([
        () => this.database.pingCheck('database').withTimeout(TIMEOUT_MS),
        () =>
          this.indicators
            .check('storage')
            .attempt(() => this.storage.ping())
            .withTimeout(TIMEOUT_MS),
        () =>
          this.indicators
            .check('queue')
            .attempt(() => this.queue.ping())
            .withTimeout(TIMEOUT_MS),
      ]);
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      const result = error.getResponse() as HealthCheckResult;
      const details = Object.keys(result.error ?? {}).map((field) => ({ field, key: 'errors.SERVICE_UNAVAILABLE' }));
      throw coreError('SERVICE_UNAVAILABLE', { details });
    }
  }
}
