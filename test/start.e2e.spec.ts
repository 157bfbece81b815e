import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

const MAIN = path.resolve('dist/apps/api/src/main.js');

interface Running {
  child: ChildProcess;
  url: string;
  output: () => string;
  exited: Promise<number | null>;
}

/** `npm start` as a user runs it: the built app, embedded PostgreSQL and S3, a fresh DATA_DIR. */
async function start(dataDir: string, env: Record<string, string> = {}): Promise<Running> {
  const { DATABASE_URL: _ignored, ...inherited } = process.env;
  const child = spawn(process.execPath, [MAIN], {
    env: { ...inherited, DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.push(child);
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no start within 150 s:\n${output}`)), 150_000);
    const check = () => {
      const match = /running at (http:\/\/\S+)[\s\S]*press Ctrl-C to stop/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout!.on('data', check);
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`exited during start:\n${output}`));
    });
  });
  return { child, url, output: () => output, exited };
}

/**
 * PostgreSQL servers (postmasters) running on this data directory, read from /proc (no pgrep
 * needed). A child the postmaster has just forked shows the same command line until it renames
 * itself — seen on a loaded machine — so a process whose parent is one of them is not another server.
 */
function postgresProcessesFor(dataDir: string): number[] {
  const found = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const args = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (!args[0].endsWith('/postgres') || args[args.indexOf('-D') + 1] !== path.join(dataDir, 'postgres')) continue;
      // /proc/<pid>/stat: "pid (comm) state ppid …"; comm may hold spaces, so read after its ')'.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      found.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // the process ended while we looked
    }
  }
  return [...found].filter(([, parent]) => !found.has(parent)).map(([pid]) => pid);
}

async function login(url: string): Promise<number> {
  const res = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: 'sct@demo.nongsan.vn', password: 'nongsan-demo' }),
  });
  return res.status;
}

const started: ChildProcess[] = [];

describe('npm start on embedded defaults', () => {
  let dataDir: string;
  afterEach(() => {
    // A failed assertion must not leave a server running into the next test.
    for (const child of started.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  });
  beforeAll(async () => {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'nongsan-start-'));
    await fs.chmod(dataDir, 0o755);
  });
  afterAll(async () => {
    await fs.rm(dataDir, { recursive: true, force: true });
  });

  it('starts, serves, stops cleanly on SIGTERM, and starts again on the same data', async () => {
    const first = await start(dataDir);
    expect(first.output()).toContain('demo logins:');
    expect(first.output()).toMatch(/coop_admin +htx\.\S+@demo\.nongsan\.vn/);
    expect((await fetch(`${first.url}/health/ready`)).status).toBe(200);
    expect(await login(first.url)).toBe(200);
    const register = await fetch(`${first.url}/api/v1/auth/register`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: 'giu-lai@example.vn', password: 'mat-khau-dai', fullName: 'Giữ Lại' }),
    });
    expect(register.status).toBe(201);

    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(first.output()).toContain('stopped cleanly');
    expect(postgresProcessesFor(dataDir)).toEqual([]);
    await expect(fs.access(path.join(dataDir, 'postgres', 'postmaster.pid'))).rejects.toThrow();

    const second = await start(dataDir);
    expect(second.output()).not.toContain('applied migrations');
    const again = await fetch(`${second.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: 'giu-lai@example.vn', password: 'mat-khau-dai' }),
    });
    expect(again.status).toBe(200);

    second.child.kill('SIGINT');
    expect(await second.exited).toBe(0);
    expect(postgresProcessesFor(dataDir)).toEqual([]);
  });

  it('refuses a second instance on the same DATA_DIR instead of corrupting it', async () => {
    const running = await start(dataDir);
    try {
      await expect(start(dataDir)).rejects.toThrow(/already running on/);
      expect((await fetch(`${running.url}/health/ready`)).status).toBe(200);
    } finally {
      running.child.kill('SIGTERM');
      await running.exited;
    }
  });

  it('recovers after being killed with SIGKILL: the orphaned PostgreSQL is stopped and the data kept', async () => {
    const killed = await start(dataDir);
    killed.child.kill('SIGKILL');
    await killed.exited;
    expect(postgresProcessesFor(dataDir)).toHaveLength(1); // the orphan a crash leaves behind

    const next = await start(dataDir);
    expect(await login(next.url)).toBe(200);
    next.child.kill('SIGTERM');
    expect(await next.exited).toBe(0);
    expect(postgresProcessesFor(dataDir)).toEqual([]);
  });

  it('stops at once with a message naming a wrong setting', async () => {
    await expect(start(dataDir, { PORT: 'tám nghìn' })).rejects.toThrow(/PORT must be an integer/);
  });
});
