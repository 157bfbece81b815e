import { PgBoss } from 'pg-boss';
import { QUEUE_SCHEMA } from './queue.service.js';

/** Creates or upgrades the queue's schema without running anything (test template, migrate command). */
export async function installQueueSchema(databaseUrl: string): Promise<void> {
  const boss = new PgBoss({ connectionString: databaseUrl, schema: QUEUE_SCHEMA, supervise: false, schedule: false, max: 1 });
  boss.on('error', () => undefined);
  await boss.start();
  await boss.stop({ graceful: false, close: true });
}
