// Busy share of a CPU profile per time bucket: where the load phases are, to pick FROM/TO for profile-top.
// node bench/tools/profile-timeline.mjs <file.cpuprofile> [bucket seconds]
import fs from 'node:fs';

const [file, bucketArg] = process.argv.slice(2);
const bucket = Number(bucketArg ?? 5) * 1e6;
const profile = JSON.parse(fs.readFileSync(file, 'utf8'));
const idle = new Set(profile.nodes.filter((n) => n.callFrame.functionName === '(idle)').map((n) => n.id));
const busy = new Map();
const all = new Map();
let clock = 0;
profile.samples.forEach((id, i) => {
  clock += profile.timeDeltas[i] ?? 0;
  const b = Math.floor(clock / bucket);
  all.set(b, (all.get(b) ?? 0) + (profile.timeDeltas[i] ?? 0));
  if (!idle.has(id)) busy.set(b, (busy.get(b) ?? 0) + (profile.timeDeltas[i] ?? 0));
});
for (const [b, total] of all)
  console.log(
    `${String((b * bucket) / 1e6).padStart(5)} s  ${'#'.repeat(Math.round(((busy.get(b) ?? 0) / total) * 40)).padEnd(40)} ${Math.round(((busy.get(b) ?? 0) / total) * 100)} %`,
  );
