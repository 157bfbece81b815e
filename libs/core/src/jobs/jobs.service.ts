import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import { translate } from '../i18n/i18n.js';
import type { Locale } from '../i18n/locale.js';
import { Job, JobStatus, type JobIssue } from './job.entity.js';

/** A file with 50 000 bad rows needs its first problems fixed, not a 50 000-entry response. */
export const JOB_ISSUES_KEPT = 1000;

/** `errors` plus the issues in $2, cut at JOB_ISSUES_KEPT. */
const APPEND_ISSUES = `errors || coalesce((SELECT jsonb_agg(e ORDER BY n) FROM jsonb_array_elements($2::jsonb) WITH ORDINALITY AS t(e, n)
                                        WHERE n <= ${JOB_ISSUES_KEPT} - jsonb_array_length(errors)), '[]'::jsonb)`;

export interface NewJob {
  /** Given when something must be named after the job before it exists (its uploaded file). */
  id?: string;
  kind: string;
  cooperativeId?: string | null;
  createdBy: string | null;
}

/** A job as its reader sees it: problems rendered in the reader's language. */
export interface JobView {
  id: string;
  kind: string;
  status: JobStatus;
  total: number;
  done: number;
  failed: number;
  errors: Array<{ row: number | null; field: string; message: string }>;
  result: Record<string, unknown> | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

/**
 * Progress of long-running work, for any context: the request creates the job (in
 * the transaction that queues the work), the worker reports on it, the user polls it. Every
 * method takes the caller's transaction manager when it has one.
 */
@Injectable()
export class JobsService {
  constructor(@InjectRepository(Job) private readonly jobs: Repository<Job>) {}

  async create(input: NewJob, manager: EntityManager = this.jobs.manager): Promise<Job> {
    return manager.getRepository(Job).save({
      ...(input.id ? { id: input.id } : {}),
      kind: input.kind,
      cooperativeId: input.cooperativeId ?? null,
      createdBy: input.createdBy,
      status: JobStatus.Queued,
      total: 0,
      done: 0,
      failed: 0,
      errors: [],
      result: null,
      startedAt: null,
      finishedAt: null,
    });
  }

  /** Counters start over: a retried run redoes the work from the beginning. */
  async start(id: string, total: number, manager: EntityManager = this.jobs.manager): Promise<void> {
    await manager
      .getRepository(Job)
      .update({ id }, { status: JobStatus.Running, total, done: 0, failed: 0, errors: [], startedAt: new Date(), finishedAt: null });
  }

  /** `done` and `failed` are running totals; `issues` are appended, up to JOB_ISSUES_KEPT in all. */
  async progress(id: string, counts: { done: number; failed: number; issues?: JobIssue[] }, manager: EntityManager = this.jobs.manager): Promise<void> {
    await manager.query(`UPDATE jobs SET errors = ${APPEND_ISSUES}, done = $3, failed = $4 WHERE id = $1`, [
      id,
      JSON.stringify(counts.issues ?? []),
      counts.done,
      counts.failed,
    ]);
  }

  async finish(id: string, result: Record<string, unknown>, manager: EntityManager = this.jobs.manager): Promise<void> {
    await manager.query(`UPDATE jobs SET status = 'completed', result = $2, finished_at = now() WHERE id = $1`, [id, JSON.stringify(result)]);
  }

  /** Work that could not be done at all (unreadable file, missing columns): `issues` say why. */
  async fail(id: string, issues: JobIssue[], manager: EntityManager = this.jobs.manager): Promise<void> {
    await manager.query(`UPDATE jobs SET errors = ${APPEND_ISSUES}, status = 'failed', finished_at = now() WHERE id = $1`, [id, JSON.stringify(issues)]);
  }

  /**
   * Items of work settled, counted by whichever worker settled them (work spread over many queue
   * jobs, such as a channel's full sync); the last one completes the job.
   */
  async tally(id: string, outcome: 'done' | 'failed', options: { count?: number; issue?: JobIssue; manager?: EntityManager } = {}): Promise<void> {
    const count = options.count ?? 1;
    await (options.manager ?? this.jobs.manager).query(
      `UPDATE jobs SET errors = ${APPEND_ISSUES}, done = done + $3, failed = failed + $4,
              status = CASE WHEN done + $3 + failed + $4 >= total THEN 'completed' ELSE status END,
              finished_at = CASE WHEN done + $3 + failed + $4 >= total THEN now() ELSE finished_at END
        WHERE id = $1`,
      [id, JSON.stringify(options.issue ? [options.issue] : []), outcome === 'done' ? count : 0, outcome === 'failed' ? count : 0],
    );
  }

  get(id: string): Promise<Job | null> {
    return this.jobs.findOneBy({ id });
  }

  view(job: Job, locale: Locale): JobView {
    return {
      id: job.id,
      kind: job.kind,
      status: job.status,
      total: job.total,
      done: job.done,
      failed: job.failed,
      errors: job.errors.map((issue) => ({
        row: issue.row,
        field: issue.field,
        message: translate(locale, issue.key, { field: issue.field, ...issue.params }, 'validation.invalid'),
      })),
      result: job.result,
      createdAt: job.createdAt.toISOString(),
      startedAt: job.startedAt?.toISOString() ?? null,
      finishedAt: job.finishedAt?.toISOString() ?? null,
    };
  }
}
