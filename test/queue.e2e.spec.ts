import { Injectable, Module, type OnModuleInit } from '@nestjs/common';
import { QueueService } from '@nongsan/core';
import { createTestApp, type TestApp } from './harness/app.js';
import { eventually } from './harness/eventually.js';

const QUEUE = 'test.echo';

/** A job handler that records what it ran, as a feature module would register one. */
@Injectable()
class EchoJobs implements OnModuleInit {
  readonly runs: string[] = [];
  constructor(private readonly queue: QueueService) {}

  async onModuleInit(): Promise<void> {
    await this.queue.defineQueue(QUEUE);
    this.queue.work<{ marker: string }>(QUEUE, async ({ marker }) => void this.runs.push(marker), { pollingIntervalSeconds: 0.5 });
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
    const job = await eventually(() => queue.getJob(QUEUE, jobId), (j) => j?.state === 'completed');
    expect(job?.state).toBe('completed');
    // Give a duplicate delivery a chance to show up before counting.
    await new Promise((r) => setTimeout(r, 1500));
    expect(jobs.runs.filter((m) => m === 'committed')).toHaveLength(1);
    expect(jobs.runs).not.toContain('rolled-back');
  });

  it('reports the queue in readiness', async () => {
    const res = await t.http().get('/health/ready').expect(200);
    expect(res.body.info.queue.status).toBe('up');
  });
});
