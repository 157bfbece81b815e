/**
 * The architecture's arrows, checked by `npm run lint:arch` (part of `npm test`) and proven to bite by
 * test/architecture.spec.ts. Each lib is one bounded context: other code reaches it only through
 * its index.ts as `@nongsan/<lib>`, and only along the arrows below.
 * @type {import('dependency-cruiser').IConfiguration}
 */

/** The bounded contexts. `runtime` (starting the embedded servers) and `demo` (sample data) serve the apps, never a context. */
const DOMAIN = ['core', 'seller', 'catalog', 'delivery', 'order', 'channels', 'uptake'];

/** The libs each context may import. The graph has no cycle; a new arrow is a decision, made here. */
const ARROWS = {
  core: [],
  seller: ['core'],
  catalog: ['core', 'seller'],
  // Carriers know nothing of orders: order registers itself with delivery (ShipmentOrders) to be told of parcels.
  delivery: ['core', 'seller'],
  order: ['core', 'seller', 'catalog', 'delivery'],
  channels: ['core', 'seller', 'catalog', 'order'],
  // Only the list of platforms (names, API or feed); the reports read the channels' tables themselves.
  uptake: ['core', 'channels'],
};

const either = (names) => `(${names.join('|')})`;

module.exports = {
  forbidden: [
    {
      name: 'lib-internals',
      comment: "A lib reaches another lib's internals: import it as @nongsan/<lib> (its index.ts), and export from there what others need.",
      severity: 'error',
      from: { path: '^libs/([^/]+)/' },
      to: { path: '^libs/[^/]+/', pathNot: ['^libs/$1/', '^libs/[^/]+/src/index\\.ts$'] },
    },
    {
      name: 'lib-by-alias',
      comment: "A lib imports another by a relative path: use @nongsan/<lib>, so the arrow is visible and the lib's folder may move.",
      severity: 'error',
      from: { path: '^libs/([^/]+)/' },
      to: { path: '^libs/[^/]+/', pathNot: '^libs/$1/', dependencyTypesNot: ['aliased-tsconfig-paths'] },
    },
    {
      name: 'app-lib-internals',
      comment: "An app reaches a lib's internals: import it as @nongsan/<lib> (its index.ts).",
      severity: 'error',
      // The web app runs in the browser, where a lib's index (Nest modules) cannot load; it shares pure rules file by file.
      from: { path: '^apps/', pathNot: '^apps/web/' },
      to: { path: '^libs/', pathNot: '^libs/[^/]+/src/index\\.ts$' },
    },
    {
      name: 'app-lib-by-alias',
      comment: 'An app imports a lib by a relative path: use @nongsan/<lib>.',
      severity: 'error',
      from: { path: '^apps/', pathNot: '^apps/web/' },
      to: { path: '^libs/', dependencyTypesNot: ['aliased-tsconfig-paths'] },
    },
    {
      name: 'web-shares-pure-rules-only',
      comment: 'The web app imports from libs only the pure rules it shares with the API (no Nest, no Node built-ins).',
      severity: 'error',
      from: { path: '^apps/web/' },
      to: { path: '^libs/', pathNot: ['^libs/seller/src/tax-code\\.ts$'] },
    },
    {
      name: 'apps-apart',
      comment: 'An app imports another app: what both need belongs in a lib.',
      severity: 'error',
      from: { path: '^apps/([^/]+)/' },
      to: { path: '^apps/', pathNot: '^apps/$1/' },
    },
    ...Object.entries(ARROWS).map(([lib, allowed]) => ({
      name: `${lib}-arrows`,
      comment: `${lib} may import only ${allowed.length ? allowed.map((l) => `@nongsan/${l}`).join(', ') : 'no other lib'}: this arrow is not in .dependency-cruiser.cjs (ARROWS).`,
      severity: 'error',
      from: { path: `^libs/${lib}/` },
      to: { path: `^libs/${either(DOMAIN)}/`, pathNot: `^libs/${either([lib, ...allowed])}/` },
    })),
    {
      name: 'domain-not-apps-runtime-demo',
      comment: 'A bounded context imports an app, @nongsan/runtime or @nongsan/demo: those sit above every context, never below one.',
      severity: 'error',
      from: { path: `^libs/${either(DOMAIN)}/` },
      // The bare names too: a lib that does not exist yet leaves its import unresolved.
      to: { path: ['^apps/', '^libs/(runtime|demo)/', '^@nongsan/(runtime|demo)$'] },
    },
    {
      name: 'no-test-code-in-production',
      comment: 'Production code imports test code (fakes, harness): only *.spec.ts files may.',
      severity: 'error',
      from: { path: '^(libs|apps)/', pathNot: '\\.spec\\.ts$' },
      to: { path: '^test/' },
    },
    {
      name: 'no-circular',
      comment: 'A cycle of imports: ESM may load one side half-initialised, and neither side can change alone.',
      severity: 'error',
      from: { path: '^(libs|apps)/' },
      to: { circular: true },
    },
    {
      name: 'not-resolvable',
      comment: 'An import that resolves to no file or package (a typo, a lib that does not exist, a missing dependency).',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    tsConfig: { fileName: 'tsconfig.json' },
    // A type-only import is an arrow too: the importer breaks when the type changes.
    tsPreCompilationDeps: true,
    doNotFollow: { path: 'node_modules' },
    // Packages that publish only an `exports` map (csv-stringify/sync, vite).
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
