import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { TestApp } from './app.js';
import { eventually } from './eventually.js';

const WORKER = path.resolve('dist/apps/worker/src/main.js');

/** What a process started beside the test app needs to share its database, object store and secrets. */
export function sharedEnv(t: TestApp, dataDir: string): Record<string, string> {
  return {
    DATABASE_URL: t.config.databaseUrl,
    S3_ENDPOINT: t.config.s3.endpoint!,
    S3_BUCKET: t.config.s3.bucket,
    S3_ACCESS_KEY_ID: t.config.s3.accessKeyId,
    S3_SECRET_ACCESS_KEY: t.config.s3.secretAccessKey!,
    CREDENTIALS_KEY: t.config.credentialsKey,
    JWT_SECRET: t.config.jwtSecret,
    DATA_DIR: dataDir,
  };
}

/** A worker process, as production runs it beside the API (RUN_WORKER=false there). */
export class WorkerProcess {
  private child?: ChildProcess;
  output = '';
  starts = 0;

  constructor(private readonly env: Record<string, string>) {}

  async start(): Promise<void> {
    this.starts += 1;
    const child = spawn(process.execPath, [WORKER], { env: { ...process.env, ...this.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    child.stdout!.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    const started = await eventually(
      () => this.output.split('worker running').length - 1 >= this.starts || child.exitCode !== null,
      (done) => done,
      120_000,
      100,
    );
    if (!started || child.exitCode !== null) throw new Error(`worker did not start:\n${this.output}`);
  }

  /** kill -9: no shutdown hook runs, jobs in hand stay claimed, transactions in flight roll back. */
  async crash(): Promise<void> {
    const child = this.child!;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
}
