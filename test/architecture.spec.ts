import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';

/**
 * The rules of .dependency-cruiser.cjs over `paths`, reported as `npm run lint:arch` reports them
 * (one `error <rule>: <from> → <to>` line each; the exit code counts them). `depth` stops following
 * imports past that many steps.
 */
function cruise(paths: string[], depth?: number): { exitCode: number | null; broken: string[] } {
  const args = [
    'node_modules/dependency-cruiser/bin/dependency-cruise.mjs',
    ...paths,
    '--config',
    '.dependency-cruiser.cjs',
    '--output-type',
    'err',
    ...(depth ? ['--max-depth', String(depth)] : []),
  ];
  const run = spawnSync(process.execPath, args, { encoding: 'utf8' });
  if (run.status === null || run.stderr.trim()) throw new Error(`dependency-cruiser did not finish: ${run.stderr}`);
  const broken = [...run.stdout.matchAll(/^\s*error (\S+): (\S+) →/gm)].map(([, rule, from]) => `${rule} ${from}`);
  return { exitCode: run.status, broken: [...new Set(broken)].sort() };
}

/**
 * Writes each file (path → source) into the tree, cruises it and removes it again, whatever happens.
 * One step of imports is enough for a rule about an arrow, and keeps the cruise short.
 */
function probe(files: Record<string, string>, depth = 1): { exitCode: number | null; broken: string[] } {
  try {
    for (const [path, source] of Object.entries(files)) writeFileSync(path, source);
    return cruise(Object.keys(files), depth);
  } finally {
    for (const path of Object.keys(files)) rmSync(path, { force: true });
  }
}

/** A file name no other run uses, so a probe never meets another. */
const probePath = (folder: string) => `${folder}/architecture-probe-${randomBytes(4).toString('hex')}.ts`;

describe('architecture rules (.dependency-cruiser.cjs)', () => {
  it('hold for the tree as it is', () => {
    expect(cruise(['libs', 'apps', 'migrations'])).toEqual({ exitCode: 0, broken: [] });
  });

  it("fail a lib that reaches into another lib's internals", () => {
    const bad = probePath('libs/uptake/src');
    const { exitCode, broken } = probe({ [bad]: `export { ConnectionStore } from '../../channels/src/connections/connection-store.js';\n` });
    expect(broken).toEqual([`lib-by-alias ${bad}`, `lib-internals ${bad}`]);
    expect(exitCode).not.toBe(0);
  });

  it('fail an arrow between libs that is not allowed, even through the index', () => {
    const catalog = probePath('libs/catalog/src');
    const core = probePath('libs/core/src');
    const { exitCode, broken } = probe({
      [catalog]: `export { OrdersService } from '@nongsan/order';\n`,
      [core]: `export type { ProductStatus } from '@nongsan/catalog';\n`,
    });
    expect(broken).toEqual([`catalog-arrows ${catalog}`, `core-arrows ${core}`].sort());
    expect(exitCode).not.toBe(0);
  });

  it('keep apps, @nongsan/runtime and @nongsan/demo out of every bounded context', () => {
    const order = probePath('libs/order/src');
    const seller = probePath('libs/seller/src');
    const { exitCode, broken } = probe({
      [order]: `export * from '@nongsan/demo';\n`,
      [seller]: `export type { AppModule } from '../../../apps/api/src/app.module.js';\n`,
    });
    // Until a lib exists its import is also unresolvable: only the rule about contexts is asserted.
    expect(broken).toEqual(expect.arrayContaining([`domain-not-apps-runtime-demo ${order}`, `domain-not-apps-runtime-demo ${seller}`]));
    expect(exitCode).not.toBe(0);
  });

  it("fail an app that reaches into a lib's internals", () => {
    const bad = probePath('apps/worker/src');
    const { exitCode, broken } = probe({ [bad]: `export { ProductsService } from '../../../libs/catalog/src/products/products.service.js';\n` });
    expect(broken).toEqual([`app-lib-by-alias ${bad}`, `app-lib-internals ${bad}`]);
    expect(exitCode).not.toBe(0);
  });

  it('fail a cycle of imports', () => {
    const first = probePath('libs/seller/src');
    const second = probePath('libs/seller/src');
    const name = (path: string) => `./${path.split('/').pop()!.replace(/\.ts$/, '.js')}`;
    const { exitCode, broken } = probe(
      { [first]: `export * from '${name(second)}';\nexport const a = 1;\n`, [second]: `export * from '${name(first)}';\nexport const b = 2;\n` },
      2,
    );
    // One cycle, reported once, from whichever end the cruise met first.
    expect(broken).toHaveLength(1);
    expect([`no-circular ${first}`, `no-circular ${second}`]).toContain(broken[0]);
    expect(exitCode).not.toBe(0);
  });
});
