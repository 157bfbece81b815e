// start: the app to GET /health/ready 200 — on a fresh DATA_DIR (new PostgreSQL cluster,
// migrations, queue schema, demo data, as the first `npm start` does) and on an existing one (the
// next `npm start`). Timed is `node dist/apps/api/src/main.js`, what `npm start` runs after its
// build; one literal `npm start` (build included) on the existing DATA_DIR is timed once beside.
// The reference is the embedded PostgreSQL alone (initdb and start, or start), the part no app
// can skip; its ratio is shown, with no target.
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { EmbeddedPostgres, findFreePort } from '../dist/libs/runtime/src/index.js';
import { ROOT, ROUNDS, environment, median, round, runBenchmark, say, sleep, startApp, tempDir, timed, writeResult, rssMb } from './lib/common.mjs';

const env = (dataDir) => ({ DATA_DIR: dataDir, HOST: '127.0.0.1', LOG_LEVEL: 'warn', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' });

async function appStart(dataDir, logFile) {
  const app = await startApp({ env: env(dataDir), logFile, readyTimeoutMs: 300_000 });
  const rss = rssMb(app.pid);
  await app.stop();
  return { ms: round(app.readyMs, 0), rssMb: rss };
}

async function bareStart(dataDir) {
  const server = new EmbeddedPostgres({ dataDir, port: 0, password: 'bench' });
  const t = await timed(() => server.start());
  await server.stop();
  return round(t.ms, 0);
}

/** The literal `npm start` (it builds first), until ready. */
async function npmStart(dataDir, logFile) {
  const port = await findFreePort();
  const out = await fs.open(logFile, 'a');
  const started = Date.now();
  const child = spawn('npm', ['start'], {
    cwd: ROOT,
    env: { ...process.env, ...env(dataDir), PORT: String(port) },
    stdio: ['ignore', out.fd, out.fd],
    detached: true,
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  let ready = false;
  while (!ready && Date.now() - started < 600_000) {
    ready = await fetch(`http://127.0.0.1:${port}/health/ready`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (!ready) await sleep(100);
  }
  const ms = Date.now() - started;
  process.kill(-child.pid, 'SIGTERM');
  await exited;
  await out.close();
  if (!ready) throw new Error(`npm start was not ready in 10 minutes; see ${logFile}`);
  return ms;
}

await runBenchmark(async (defer) => {
  const rounds = Math.max(3, Math.min(ROUNDS, 5));
  say(`start: ${rounds} fresh and ${rounds} existing DATA_DIR starts, with the bare PostgreSQL start beside`);
  const dir = await tempDir('start');
  defer(() => fs.rm(dir, { recursive: true, force: true }));
  const logFile = path.join(dir, 'app.log');

  const results = [];
  for (let r = 0; r < rounds; r++) {
    const dataDir = path.join(dir, `data-${r}`);
    const fresh = await appStart(dataDir, logFile);
    const existing = await appStart(dataDir, logFile);
    const pgDir = path.join(dir, `pg-${r}`);
    const pgFresh = await bareStart(pgDir);
    const pgExisting = await bareStart(pgDir);
    results.push({ fresh, existing, pgFresh, pgExisting });
    say(`round ${r + 1}: fresh ${fresh.ms} ms (bare PostgreSQL ${pgFresh} ms), existing ${existing.ms} ms (bare ${pgExisting} ms)`);
  }
  const npmStartMs = await npmStart(path.join(dir, 'data-0'), logFile);
  say(`npm start (build included) on an existing DATA_DIR: ${npmStartMs} ms`);

  const m = (f) => median(results.map(f));
  const fresh = m((x) => x.fresh.ms);
  const existing = m((x) => x.existing.ms);
  await writeResult('start', {
    environment: await environment(),
    sizes: { rounds, demoData: 'loaded on the fresh start (the default)' },
    fresh: { readyMs: fresh, rssMb: m((x) => x.fresh.rssMb), barePostgresMs: m((x) => x.pgFresh), ratio: round(fresh / m((x) => x.pgFresh), 2) },
    existing: {
      readyMs: existing,
      rssMb: m((x) => x.existing.rssMb),
      barePostgresMs: m((x) => x.pgExisting),
      ratio: round(existing / m((x) => x.pgExisting), 2),
    },
    npmStartExistingMs: npmStartMs,
    targets: {},
    rounds: results,
  });
});
