import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export enum JobStatus {
  Queued = 'queued',
  Running = 'running',
  Completed = 'completed',
  Failed = 'failed',
}

/**
 * One problem found while running a job, kept as a message key and its params rather than a
 * sentence: it is rendered in the locale of whoever reads it, like any API error.
 */
export interface JobIssue {
  /** Row as the user's spreadsheet shows it (header = 1); null for a problem with the whole input. */
  row: number | null;
  /** What the user calls the field, e.g. the column header "Giá (đồng)". */
  field: string;
  key: string;
  params?: Record<string, unknown>;
}

/** Long-running work a user waits for (spreadsheet import, bulk sync, export), with its progress. */
@Entity('jobs')
@Index('jobs_cooperative_idx', ['cooperativeId', 'createdAt'])
export class Job {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** `<context>.<what>`, e.g. `catalog.import`. */
  @Column({ type: 'text' })
  kind: string;

  /** Whose members may read it; null for a job that belongs to its creator alone. */
  @Column({ name: 'cooperative_id', type: 'uuid', nullable: true })
  cooperativeId: string | null;

  /** Null for work the system started (a scheduled or command-line sync). */
  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @Column({ type: 'text' })
  status: JobStatus;

  @Column({ type: 'int' })
  total: number;

  @Column({ type: 'int' })
  done: number;

  @Column({ type: 'int' })
  failed: number;

  /** The first JOB_ISSUES_KEPT problems; `failed` keeps counting past them. */
  @Column({ type: 'jsonb' })
  errors: JobIssue[];

  @Column({ type: 'jsonb', nullable: true })
  result: Record<string, unknown> | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'started_at', type: 'timestamptz', nullable: true })
  startedAt: Date | null;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt: Date | null;
}
