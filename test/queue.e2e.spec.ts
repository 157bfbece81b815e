import { Injectable, Module, type OnModuleInit } from '@nestjs/common';
import { QueueService } from '@nongsan/core';
import { createTestApp, type TestApp } from './harness/app.js';
import { eventually } from './harness/eventually.js';
import { queuesIdle } from './harness/queues.js';

const QUEUE = 'test.echo';
const WOKEN = 'test.woken';

/** A job handler that records what it ran, as a feature module would register one. */
@Injectable()
class EchoJobs implements OnModuleInit {
  readonly runs: string[] = [];
  constructor(private readonly queue: QueueService) {}

  async onModuleInit(): Promise<void> {
    await this.queue.defineQueue(QUEUE);
    this.queue.work<{ marker: string }>(QUEUE, async ({ marker }) => void this.runs.push(marker), { pollingIntervalSeconds: 0.5 });
    // Polled only once a minute: a job that runs sooner was woken by its NOTIFY.
    await this.queue.defineQueue(WOKEN, { notify: true });
    this.queue.work<{ marker: string }>(WOKEN, async ({ marker }) => void this.runs.push(marker), {
      pollingIntervalSeconds: 60,
      notifyPollingIntervalSeconds: 60,
    });
  }
}

@Module({ providers: [EchoJobs] })
class EchoJobsModule {}

describe('queue: jobs enqueued in the same transaction as the change', () => {
  let t: TestApp;
  let queue: QueueService;
  let jobs: EchoJobs;
  beforeAll(async () => {
    t = await createTestApp({ imports: [EchoJobsModule] });
    queue = t.app.get(QueueService);
    jobs = t.app.get(EchoJobs);
  });
  afterAll(() => t.close());

  it('drops a job whose transaction rolled back: it never exists, never runs', async () => {
    let jobId: string | null = null;
    await expect(
      t.db.transaction(async (manager) => {
        await manager.query(`INSERT INTO audit_log (action, entity_type, entity_id) VALUES ('test.change', 'test', 'rolled-back')`);
        jobId = await queue.send(QUEUE, { marker: 'rolled-back' }, { manager });
        throw new Error('the change failed after the job was enqueued');
      }),
    ).rejects.toThrow('the change failed');
    expect(jobId).toEqual(expect.any(String));
    expect(await queue.getJob(QUEUE, jobId!)).toBeNull();
    expect(await t.db.query(`SELECT 1 FROM audit_log WHERE entity_id = 'rolled-back'`)).toHaveLength(0);
  });

  it('runs a job whose transaction committed, exactly once', async () => {
    const jobId = await t.db.transaction(async (manager) => {
      await manager.query(`INSERT INTO audit_log (action, entity_type, entity_id) VALUES ('test.change', 'test', 'committed')`);
      const id = await queue.send(QUEUE, { marker: 'committed' }, { manager });
      // Not visible outside the transaction until it commits.
      expect(await queue.getJob(QUEUE, id!)).toBeNull();
      return id!;
    });
    const job = await eventually(
      () => queue.getJob(QUEUE, jobId),
      (j) => j?.state === 'completed',
    );
    expect(job?.state).toBe('completed');
    // A duplicate delivery would still be waiting or running: count once the queue has nothing left.
    await queuesIdle(t, [QUEUE]);
    expect(jobs.runs.filter((m) => m === 'committed')).toHaveLength(1);
    expect(jobs.runs).not.toContain('rolled-back');
  });

  it('wakes the workers of a notify queue when the job commits, not at their next poll', async () => {
    // Let the worker's first poll (at start) pass, so only a wake-up can explain a quick run.
    await new Promise((r) => setTimeout(r, 1500));
    const jobId = await t.db.transaction((manager) => queue.send(WOKEN, { marker: 'woken' }, { manager }));
    const job = await eventually(
      () => queue.getJob(WOKEN, jobId!),
      (j) => j?.state === 'completed',
      20_000,
    );
    expect(job?.state).toBe('completed');
    expect(jobs.runs).toContain('woken');
  });

  it('brings a queue made before wake-ups up to date when it is defined again', async () => {
    await t.db.query(`UPDATE pgboss.queue SET notify = false WHERE name = $1`, [WOKEN]);
    await queue.defineQueue(WOKEN, { notify: true });
    expect(await t.db.query(`SELECT notify FROM pgboss.queue WHERE name = $1`, [WOKEN])).toEqual([{ notify: true }]);
    // The seller's import is one of them.
    expect(await t.db.query(`SELECT notify FROM pgboss.queue WHERE name = 'catalog.import'`)).toEqual([{ notify: true }]);
  });

  it('reports the queue in readiness', async () => {
    const res = await t.http().get('/health/ready').expect(200);
    expect(res.body.info.queue.status).toBe('up');
  });
});
