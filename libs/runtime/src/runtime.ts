import fs from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { startMailCatcher, type AppConfig, type Settings } from '@nongsan/core';
import { EmbeddedPostgres, isAlive, readPostmaster } from './embedded-postgres.js';
import { startEmbeddedS3, type EmbeddedS3 } from './embedded-s3.js';
import { loadOrCreateSecrets } from './secrets.js';

export const EMBEDDED_DATABASE = 'nongsan';

/** Everything a process needs outside Nest: the resolved config and the embedded servers it started. */
export interface Runtime {
  config: AppConfig;
  /** Stops what this process started, last-in first-out. Safe to call twice. */
  stop(): Promise<void>;
}

type Log = (message: string) => void;

/**
 * Starts what the settings leave to the embedded defaults: PostgreSQL and an S3-protocol server,
 * both with their data under DATA_DIR. With DATABASE_URL and S3_ENDPOINT set it starts nothing.
 *
 * `shareRunning` is for the CLI: when a Nongsan process already runs on this DATA_DIR, connect to
 * the PostgreSQL it started instead of refusing.
 */
export async function startRuntime(settings: Settings, options: { log?: Log; shareRunning?: boolean } = {}): Promise<Runtime> {
  const log = options.log ?? (() => undefined);
  const stops: Array<() => Promise<void>> = [];
  const stop = async () => {
    while (stops.length > 0) await stops.pop()!().catch((error: Error) => log(`stop failed: ${error.message}`));
  };
  const embeddedDatabase = !settings.databaseUrl;
  const embeddedS3 = !settings.s3.endpoint;
  try {
    const secrets = await loadOrCreateSecrets(settings.dataDir);
    let databaseUrl = settings.databaseUrl;
    let created = false;
    let s3Endpoint = settings.s3.endpoint;
    const s3SecretAccessKey = settings.s3.secretAccessKey ?? secrets.s3SecretAccessKey;

    const owner = embeddedDatabase || embeddedS3 ? await runningOwner(settings.dataDir) : undefined;
    if (owner !== undefined && options.shareRunning && embeddedDatabase) {
      const postmaster = await readPostmaster(path.join(settings.dataDir, 'postgres'));
      if (!postmaster) throw new Error(`Nongsan (pid ${owner}) is running on ${settings.dataDir} but its database is not up yet`);
      databaseUrl = databaseUrlFor(secrets.postgresPassword, postmaster.port, EMBEDDED_DATABASE);
      log(`using the database of the running Nongsan process (pid ${owner})`);
    } else if (owner !== undefined) {
      throw new Error(`Nongsan is already running on ${settings.dataDir} (pid ${owner}). Stop it first, or set another DATA_DIR.`);
    } else if (embeddedDatabase || embeddedS3) {
      await takeLock(settings.dataDir);
      stops.push(() => releaseLock(settings.dataDir));
    }

    if (!databaseUrl) {
      const server = new EmbeddedPostgres({
        dataDir: path.join(settings.dataDir, 'postgres'),
        port: settings.embeddedPostgresPort,
        password: secrets.postgresPassword,
        log: (line) => log(`postgres: ${line}`),
      });
      await server.start();
      stops.push(() => server.stop());
      created = server.created;
      await ensureDatabase(server.url, EMBEDDED_DATABASE);
      databaseUrl = databaseUrlFor(secrets.postgresPassword, server.port, EMBEDDED_DATABASE);
      log(`embedded PostgreSQL on 127.0.0.1:${server.port}${created ? ' (new cluster)' : ''}`);
    }

    if (!s3Endpoint) {
      const s3: EmbeddedS3 = await startEmbeddedS3({
        directory: path.join(settings.dataDir, 'objects'),
        port: settings.embeddedS3Port,
        bucket: settings.s3.bucket,
        credentials: { accessKeyId: settings.s3.accessKeyId, secretAccessKey: s3SecretAccessKey },
      });
      stops.push(() => s3.close());
      s3Endpoint = s3.endpoint;
      log(`embedded S3 at ${s3Endpoint}`);
    }

    let notifications: AppConfig['notifications'];
    if (settings.notifications.smtpUrl) {
      notifications = { ...settings.notifications, smtpUrl: settings.notifications.smtpUrl };
    } else {
      const catcher = await startMailCatcher({ directory: path.join(settings.dataDir, 'mail') });
      stops.push(() => catcher.close());
      notifications = { ...settings.notifications, smtpUrl: catcher.url, mailCatcherDir: catcher.directory };
      log(`local mail catcher at ${catcher.url} (caught mail: GET /api/v1/admin/mail)`);
    }

    const config: AppConfig = {
      ...settings,
      notifications,
      databaseUrl,
      s3: { ...settings.s3, endpoint: s3Endpoint, secretAccessKey: s3SecretAccessKey },
      jwtSecret: settings.jwtSecret ?? secrets.jwtSecret,
      credentialsKey: settings.credentialsKey ?? secrets.credentialsKey,
      seedDemo: settings.seedDemo ?? created,
    };
    return { config, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

function databaseUrlFor(password: string, port: number, database: string): string {
  return `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
}

export async function ensureDatabase(serverUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
}

const lockFile = (dataDir: string) => path.join(dataDir, 'nongsan.pid');

/** The pid of a live Nongsan process that owns this DATA_DIR, if any; a stale lock is ignored. */
async function runningOwner(dataDir: string): Promise<number | undefined> {
  const pid = Number(await fs.readFile(lockFile(dataDir), 'utf8').catch(() => ''));
  return pid > 0 && pid !== process.pid && isAlive(pid) ? pid : undefined;
}

async function takeLock(dataDir: string): Promise<void> {
  await fs.mkdir(dataDir, { recursive: true });
  await fs.writeFile(lockFile(dataDir), String(process.pid));
}

async function releaseLock(dataDir: string): Promise<void> {
  const pid = Number(await fs.readFile(lockFile(dataDir), 'utf8').catch(() => ''));
  if (pid === process.pid) await fs.rm(lockFile(dataDir), { force: true });
}
