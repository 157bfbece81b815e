import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { EmbeddedPostgres, ensureDatabase, findFreePort } from '@nongsan/runtime';
import { eventually } from '../harness/eventually.js';
import { cooperativeInput } from '../harness/fixtures.js';
import { report } from './support/report.js';

const MAIN = path.resolve('dist/apps/api/src/main.js');
const PASSWORD = 'outage-test';

interface Answer {
  phase: 'before' | 'down' | 'straddle' | 'after';
  route: string;
  status: number;
  body: { error?: { code?: unknown; message?: unknown; details?: unknown } } | null;
}

/**
 * The database goes away under load and comes back. This file runs its own PostgreSQL (the shared
 * test server must stay up for every other file) and the built API as its own process, as in
 * production: while the server is down every request that needs it answers 503 in the error shape
 * (never a 500, never a hang), readiness is red and liveness green; when it returns, the same
 * process serves again without being restarted.
 */
describe('database outage', () => {
  let dir: string;
  let port: number;
  let server: EmbeddedPostgres;
  let child: ChildProcess;
  let output = '';
  let url: string;
  let token: string;

  const startServer = async () => {
    server = new EmbeddedPostgres({ dataDir: path.join(dir, 'pg'), port, password: PASSWORD });
    await server.start();
  };

  const call = async (route: string, init: RequestInit = {}): Promise<{ status: number; body: Answer['body'] }> => {
    // A bound, not a timing assertion: a request that never answers is a hang, reported as such.
    const response = await fetch(`${url}${route}`, { ...init, signal: AbortSignal.timeout(60_000) }).catch((error: Error) => ({
      status: -1,
      text: async () => JSON.stringify({ hang: error.message }),
    }));
    const text = await response.text();
    let body: Answer['body'];
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      body = null;
    }
    return { status: response.status, body };
  };

  /** What buyers and sellers do all day: read themselves, search, sign in, register a cooperative. */
  const ROUTES: Array<{ route: string; init: () => RequestInit }> = [
    { route: '/api/v1/me', init: () => ({ headers: { authorization: `Bearer ${token}` } }) },
    { route: '/api/v1/catalog/products?q=nuoc%20mam', init: () => ({}) },
    { route: '/api/v1/catalog/categories', init: () => ({}) },
    {
      route: '/api/v1/auth/login',
      init: () => ({
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'nguoi-ban@example.vn', password: 'sai-mat-khau' }),
      }),
    },
    {
      route: '/api/v1/cooperatives',
      init: () => ({
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(cooperativeInput()),
      }),
    },
  ];

  /** `workers` clients in a loop until `stop()`; each answer tagged with the phase it began and ended in. */
  const load = (workers: number, phaseOf: () => Answer['phase']) => {
    const answers: Answer[] = [];
    let running = true;
    const loops = Array.from({ length: workers }, async (_, w) => {
      for (let i = w; running; i++) {
        const { route, init } = ROUTES[i % ROUTES.length];
        const began = phaseOf();
        const res = await call(route, init());
        const ended = phaseOf();
        answers.push({ phase: began === ended ? began : 'straddle', route, status: res.status, body: res.body });
      }
    });
    return {
      answers,
      stop: async () => {
        running = false;
        await Promise.all(loops);
      },
    };
  };

  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'nongsan-outage-'));
    await fs.chmod(dir, 0o755);
    port = await findFreePort();
    await startServer();
    await ensureDatabase(server.url, 'nongsan');
    const { DATABASE_URL: _shared, ...inherited } = process.env;
    child = spawn(process.execPath, [MAIN], {
      env: {
        ...inherited,
        DATABASE_URL: `postgres://postgres:${PASSWORD}@127.0.0.1:${port}/nongsan`,
        DATA_DIR: path.join(dir, 'data'),
        PORT: '0',
        LOG_LEVEL: 'warn',
        SEED_DEMO: 'false',
        DATABASE_POOL_SIZE: '4',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    url = await eventually(
      () => /running at (http:\/\/\S+)/.exec(output)?.[1] ?? '',
      (u) => u !== '' || child.exitCode !== null,
      120_000,
      200,
    );
    if (!url) throw new Error(`api did not start:\n${output}`);
    const registered = await call('/api/v1/auth/register', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'nguoi-ban@example.vn', password: 'mat-khau-dai-du', fullName: 'Người Bán' }),
    });
    expect(registered.status).toBe(201);
    token = (registered.body as unknown as { accessToken: string }).accessToken;
  }, 180_000);

  afterAll(async () => {
    if (child && child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    }
    await server?.stop();
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('answers 503 in the error shape while the database is down, is not ready, and recovers by itself', async () => {
    const pid = child.pid;
    let phase: Answer['phase'] = 'before';
    const traffic = load(4, () => phase);
    await eventually(
      () => traffic.answers.filter((a) => a.phase === 'before').length,
      (n) => n >= 20,
      60_000,
    );

    // Down: a fast shutdown, as a failover or a crash of the server looks to its clients.
    phase = 'straddle';
    await server.stop();
    phase = 'down';
    const downAnswers = () => traffic.answers.filter((a) => a.phase === 'down');
    await eventually(
      () => downAnswers().length,
      (n) => n >= 40,
      120_000,
    );
    const ready = await call('/health/ready');
    const live = await call('/health');

    // Back: the same port, the same data; nobody restarts the API.
    phase = 'straddle';
    await startServer();
    const readyAgain = await eventually(
      () => call('/health/ready'),
      (r) => r.status === 200,
      120_000,
      500,
    );
    phase = 'after';
    const afterAnswers = () => traffic.answers.filter((a) => a.phase === 'after');
    await eventually(
      () => afterAnswers().length,
      (n) => n >= 20,
      60_000,
    );
    await traffic.stop();

    const summary = (list: Answer[]) => list.reduce<Record<string, number>>((acc, a) => ({ ...acc, [`${a.status}`]: (acc[`${a.status}`] ?? 0) + 1 }), {});
    const before = traffic.answers.filter((a) => a.phase === 'before');
    report('database-outage', {
      requests: traffic.answers.length,
      before: summary(before),
      straddling: summary(traffic.answers.filter((a) => a.phase === 'straddle')),
      down: summary(downAnswers()),
      after: summary(afterAnswers()),
      readyWhileDown: ready.status,
    });
    expect(before.filter((a) => a.status >= 500)).toEqual([]);

    // Down: every answer a 503 in the one error shape; no 500, no hang.
    const down = downAnswers();
    expect(summary(down)).toEqual({ '503': down.length });
    for (const answer of down) {
      expect(answer.body?.error).toEqual(expect.objectContaining({ code: 'SERVICE_UNAVAILABLE', message: expect.any(String), details: expect.any(Array) }));
    }
    // Whatever was in flight when it went: an answer, and never a 500.
    const straddling = traffic.answers.filter((a) => a.phase === 'straddle');
    expect(straddling.filter((a) => a.status === -1 || a.status === 500)).toEqual([]);

    expect(ready.status).toBe(503);
    expect(ready.body?.error).toEqual(
      expect.objectContaining({ code: 'SERVICE_UNAVAILABLE', details: expect.arrayContaining([expect.objectContaining({ field: 'database' })]) }),
    );
    expect(live.status).toBe(200);

    // Recovered: ready again, and every request after that served normally by the same process.
    expect(readyAgain.status).toBe(200);
    const after = afterAnswers();
    expect(after.filter((a) => a.status >= 500)).toEqual([]);
    expect(after.filter((a) => a.route === '/api/v1/cooperatives').every((a) => a.status === 201)).toBe(true);
    expect(after.filter((a) => a.route === '/api/v1/me').every((a) => a.status === 200)).toBe(true);
    expect(child.exitCode).toBeNull();
    expect(child.pid).toBe(pid);
    // What the operator sees: the outage in the log as a dependency down, never as a bug or a crash.
    expect(output).toContain('"msg":"dependency unavailable"');
    expect(output).not.toContain('"msg":"unhandled error"');
    expect(output).not.toMatch(/uncaughtException|unhandledRejection|failed to start/);
  }, 400_000);
});
