import { Controller, Get, Headers } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { AppException, CurrentUser, ErrorResponseDto, IdParam, JobsService, JobStatus, localeFromHeader, type AuthUser } from '@nongsan/core';
import { CooperativeAccess } from '../cooperatives/cooperative-access.js';

export class JobIssueDto {
  @ApiProperty({ nullable: true, type: Number, example: 7, description: 'Row as the spreadsheet shows it (header = 1); null for the whole file' }) row:
    number | null;
  @ApiProperty({ example: 'Giá (đồng)', description: 'Column header, as written in the file' }) field: string;
  @ApiProperty({ example: '“Giá (đồng)” phải là số nguyên.', description: 'In the request locale' }) message: string;
}

export class JobDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'catalog.import' }) kind: string;
  @ApiProperty({ enum: JobStatus }) status: JobStatus;
  @ApiProperty({ description: 'Rows (items) to process; known once the job has started' }) total: number;
  @ApiProperty({ description: 'Processed successfully so far' }) done: number;
  @ApiProperty({ description: 'Rejected so far; done + failed reaches total when completed' }) failed: number;
  @ApiProperty({ type: [JobIssueDto], description: 'The first 1000 problems' }) errors: JobIssueDto[];
  @ApiProperty({ nullable: true, type: Object, description: 'What the finished job did, e.g. {created, updated, unchanged}' }) result: Record<
    string,
    unknown
  > | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) startedAt: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) finishedAt: string | null;
}

@ApiTags('seller')
@ApiBearerAuth()
@Controller('jobs')
export class JobsController {
  constructor(
    private readonly jobs: JobsService,
    private readonly access: CooperativeAccess,
  ) {}

  @Get(':id')
  @ApiOkResponse({ type: JobDto, description: 'Progress of an import or another long task; poll until completed or failed' })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'No such job, or not yours' })
  async get(@CurrentUser() user: AuthUser, @IdParam('id', 'job') id: string, @Headers('accept-language') acceptLanguage?: string): Promise<JobDto> {
    const job = await this.jobs.get(id);
    if (!job) throw AppException.notFound('job');
    // A cooperative's jobs are read like the cooperative itself; anything else only by who started it.
    if (job.cooperativeId) {
      await this.access.require(user, job.cooperativeId, 'read', { notFoundAs: 'job' });
    } else if (job.createdBy !== user.id) {
      throw AppException.notFound('job');
    }
    return this.jobs.view(job, localeFromHeader(acceptLanguage));
  }
}
