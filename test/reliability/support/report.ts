import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Figures of a run (counts, seeds, durations) for docs/reliability.md, one JSON file per spec in
 * RELIABILITY_REPORT_DIR (default: the system's temporary directory). Nothing is asserted on them.
 */
export function report(spec: string, figures: Record<string, unknown>): void {
  const dir = process.env.RELIABILITY_REPORT_DIR ?? path.join(os.tmpdir(), 'nongsan-reliability');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${spec}.json`);
  const previous = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>) : {};
  fs.writeFileSync(file, JSON.stringify({ ...previous, ...figures, at: new Date().toISOString() }, null, 2));
}
