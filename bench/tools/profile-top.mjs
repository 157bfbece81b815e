// Where a CPU profile's time went: self time by function and by package.
// node bench/tools/profile-top.mjs <file.cpuprofile> [rows]
// Profiles come from BENCH_APP_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" npm run bench -- <name>.
import fs from 'node:fs';

const [file, rowsArg] = process.argv.slice(2);
const rows = Number(rowsArg ?? 30);
const profile = JSON.parse(fs.readFileSync(file, 'utf8'));
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map();
const dt = profile.timeDeltas;
// FROM / TO (seconds since the profile started) keep only that window, e.g. the benchmark's load phase.
const from = Number(process.env.FROM ?? 0) * 1e6;
const to = Number(process.env.TO ?? Infinity) * 1e6;
let clock = 0;
for (let i = 0; i < profile.samples.length; i++) {
  clock += dt[i] ?? 0;
  if (clock < from || clock > to) continue;
  self.set(profile.samples[i], (self.get(profile.samples[i]) ?? 0) + (dt[i] ?? 0));
}
console.log(`profile: ${(clock / 1e6).toFixed(1)} s in all`);
const total = [...self.values()].reduce((a, b) => a + b, 0);

const where = (url) => {
  if (!url) return '(native)';
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (m) return m[1];
  if (url.includes('/dist/')) return `app:${url.split('/dist/')[1].split('/').slice(0, 3).join('/')}`;
  if (url.startsWith('node:')) return 'node';
  return url;
};
const fnKey = (n) => `${n.callFrame.functionName || '(anonymous)'} ${where(n.callFrame.url)}:${n.callFrame.lineNumber + 1}`;

const byFn = new Map();
const byPkg = new Map();
for (const [id, us] of self) {
  const node = byId.get(id);
  byFn.set(fnKey(node), (byFn.get(fnKey(node)) ?? 0) + us);
  const pkg = ['(idle)', '(program)', '(garbage collector)'].includes(node.callFrame.functionName) ? node.callFrame.functionName : where(node.callFrame.url);
  byPkg.set(pkg, (byPkg.get(pkg) ?? 0) + us);
}
const show = (title, map) => {
  console.log(`\n${title} (of ${(total / 1e6).toFixed(1)} s sampled)`);
  for (const [k, us] of [...map].sort((a, b) => b[1] - a[1]).slice(0, rows))
    console.log(`${((us / total) * 100).toFixed(1).padStart(5)} %  ${(us / 1e3).toFixed(0).padStart(7)} ms  ${k}`);
};
show('self time by package', byPkg);
show('self time by function', byFn);

// FOCUS=<function name>: the call paths that spent that function's self time, heaviest first.
if (process.env.FOCUS) {
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const paths = new Map();
  for (const [id, us] of self) {
    const node = byId.get(id);
    if (node.callFrame.functionName !== process.env.FOCUS) continue;
    const chain = [];
    for (let p = parent.get(id); p !== undefined && chain.length < Number(process.env.DEPTH ?? 12); p = parent.get(p)) chain.push(fnKey(byId.get(p)));
    const key = chain.join('\n      ← ');
    paths.set(key, (paths.get(key) ?? 0) + us);
  }
  console.log(`\ncallers of ${process.env.FOCUS}`);
  for (const [k, us] of [...paths].sort((a, b) => b[1] - a[1]).slice(0, 5)) console.log(`${(us / 1e3).toFixed(0)} ms\n      ← ${k}\n`);
}

// INCLUSIVE=fnA,fnB: time spent in each function and everything it called (continuations after
// an await count too: they run under the function's own frame).
if (process.env.INCLUSIVE) {
  const children = new Map(profile.nodes.map((n) => [n.id, n.children ?? []]));
  const subtree = (id) => (self.get(id) ?? 0) + children.get(id).reduce((sum, c) => sum + subtree(c), 0);
  const names = process.env.INCLUSIVE.split(',');
  console.log('\ninclusive time');
  for (const name of names) {
    let us = 0;
    const visit = (id, inside) => {
      const node = byId.get(id);
      const match = !inside && node.callFrame.functionName === name;
      if (match) us += subtree(id);
      for (const c of children.get(id)) visit(c, inside || match);
    };
    visit(profile.nodes[0].id, false);
    console.log(`${((us / total) * 100).toFixed(1).padStart(5)} %  ${(us / 1e3).toFixed(0).padStart(7)} ms  ${name}`);
  }
}
