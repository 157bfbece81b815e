// npm run bench [-- <name>…] [--scale <x>] [--rounds <n>]
// Runs the benchmarks one after another, each in its own process (its own PostgreSQL, its own app),
// then regenerates the table in docs/benchmarks.md from bench/results/*.json.
// Names: search, checkout, sync, uptake, import, start (all by default); search-plans prints the
// search queries' plans (no result file).
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeReport } from './report.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ALL = ['search', 'checkout', 'sync', 'uptake', 'import', 'start'];
const EXTRA = ['search-plans'];

const args = process.argv.slice(2);
const names = [];
const env = { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' };
for (let i = 0; i < args.length; i++) {
  const arg = args[i];
  const [flag, inline] = arg.split('=');
  const value = () => inline ?? args[++i];
  if (flag === '--scale') env.BENCH_SCALE = value();
  else if (flag === '--rounds') env.BENCH_ROUNDS = value();
  else if (flag === '--help' || flag === '-h') {
    console.log(`npm run bench -- [${[...ALL, ...EXTRA].join('|')}]… [--scale <x>] [--rounds <n>]`);
    process.exit(0);
  } else if ([...ALL, ...EXTRA].includes(arg)) names.push(arg);
  else {
    console.error(`unknown benchmark or flag: ${arg} (known: ${[...ALL, ...EXTRA].join(', ')}, --scale, --rounds)`);
    process.exit(2);
  }
}

const chosen = names.length > 0 ? names : ALL;
const outcomes = [];
for (const name of chosen) {
  const started = Date.now();
  // The sync benchmark drives the Shopee fake, which is TypeScript: run it under tsx.
  const argv = name === 'sync' ? ['--import', 'tsx', path.join(ROOT, 'bench/sync.mjs')] : [path.join(ROOT, `bench/${name}.mjs`)];
  const code = await new Promise((resolve) =>
    spawn(process.execPath, argv, { cwd: ROOT, env, stdio: 'inherit' }).once('exit', (c, signal) => resolve(c ?? signal)),
  );
  outcomes.push({ name, code, minutes: Math.round((Date.now() - started) / 6000) / 10 });
}
const report = await writeReport();
console.log(`\n${report.table}\n`);
for (const o of outcomes) console.log(`${o.name}: ${o.code === 0 ? 'done' : `FAILED (${o.code})`} in ${o.minutes} min`);
process.exitCode = outcomes.every((o) => o.code === 0) ? 0 : 1;
