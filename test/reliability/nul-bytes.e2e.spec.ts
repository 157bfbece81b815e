import type { Response, Test } from 'supertest';
import { ShopeeFake } from '../fakes/shopee.fake.js';
import { createTestApp, type TestApp } from '../harness/app.js';
import { report } from './support/report.js';
import { buildWorld, type World } from './support/world.js';

/** A string PostgreSQL cannot store in a text column: it answered 500 on 13 routes (issue #28). */
const NUL = 'a\u0000b';

interface Operation {
  parameters?: Array<{ in: string; name: string }>;
  requestBody?: { content: Record<string, { schema: { $ref?: string; properties?: Record<string, unknown> } }> };
}
interface Route {
  key: string;
  method: string;
  path: string;
  params: string[];
  query: string[];
  /** Top-level properties of its JSON body. */
  fields: string[];
  multipart: boolean;
}

/**
 * A NUL byte anywhere a client can put a string — a query parameter, a path parameter, a field of a
 * JSON body or of a multipart form — on every route of the OpenAPI document, for every kind of caller:
 * never a 5xx, and where the request gets past authentication, a 400 that names the field.
 */
describe('NUL bytes in input', () => {
  let t: TestApp;
  let shopee: ShopeeFake;
  let w: World;
  let routes: Route[];
  const statusCounts: Record<string, number> = {};

  beforeAll(async () => {
    shopee = await ShopeeFake.start();
    t = await createTestApp({ env: { RUN_WORKER: 'false', CHANNEL_SHOPEE_BASE_URL: shopee.baseUrl } });
    await t.app.listen(0, '127.0.0.1');
    w = await buildWorld(t, shopee);
    const doc = (await t.http().get('/api/docs-json').expect(200)).body as {
      paths: Record<string, Record<string, Operation>>;
      components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
    };
    routes = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => {
        const content = op.requestBody?.content ?? {};
        const schema = Object.values(content)[0]?.schema;
        const resolved = schema?.$ref ? doc.components.schemas[schema.$ref.split('/').pop()!] : schema;
        return {
          key: `${method.toUpperCase()} ${path}`,
          method,
          path,
          params: (op.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name),
          query: (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
          fields: Object.keys(resolved?.properties ?? {}),
          multipart: 'multipart/form-data' in content,
        };
      }),
    );
  }, 240_000);

  afterAll(async () => {
    report('nul-bytes', { routes: routes?.length, requests: Object.values(statusCounts).reduce((a, b) => a + b, 0), statusCounts });
    await t?.close();
    await shopee?.close();
  });

  /** The ids a route's path parameters most likely name, so requests get past "not found". */
  const idFor = (route: Route, param: string): string => {
    const prefix = route.path.split('/')[route.path.startsWith('/api/v1/admin/') ? 4 : 3];
    if (param === 'userId') return w.ownerAdmin.userId;
    if (param === 'documentId') return w.documentId;
    if (param === 'token') return w.feedToken;
    if (param === 'slug') return prefix === 'cooperatives' ? w.coopASlug : w.product.slug;
    const own: Record<string, string> = { cooperatives: w.coopA, products: w.product.id, channels: w.connectionId, imports: w.importJobId };
    return own[prefix] ?? w.coopA;
  };

  const call = (route: Route, who: 'anonymous' | 'owner' | 'official' | 'buyer', params: Record<string, string>): Test => {
    const url = route.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(params[name] ?? idFor(route, name)));
    const request = (t.http() as unknown as Record<string, (u: string) => Test>)[route.method](url);
    const session = { anonymous: undefined, owner: w.ownerAdmin, official: w.official, buyer: w.ownerBuyer }[who];
    if (session) request.set(session.auth);
    return request;
  };

  const callers = ['anonymous', 'owner', 'official', 'buyer'] as const;
  const fieldsOf = (res: Response): string[] => (res.body?.error?.details ?? []).map((d: { field: string }) => d.field);

  /** Each problem as one line, so one failing run lists every route at once. */
  const problemsOf = async (cases: Array<{ label: string; field: string; send: () => Test }>): Promise<string[]> => {
    const problems: string[] = [];
    for (const { label, field, send } of cases) {
      const res = await send();
      statusCounts[res.status] = (statusCounts[res.status] ?? 0) + 1;
      if (res.status >= 500) problems.push(`${label}: ${res.status}`);
      else if (res.status === 400 && !fieldsOf(res).some((f) => f === field || f.startsWith(`${field}[`)))
        problems.push(`${label}: 400 without ${field} (${fieldsOf(res).join(', ')})`);
    }
    return problems;
  };

  it('refuses a NUL byte in the search query as a 400 naming q, in both languages', async () => {
    const vi = await t.http().get('/api/v1/catalog/products').query({ q: NUL }).expect(400);
    expect(vi.body.error.details).toEqual([{ field: 'q', message: '“q” không được chứa ký tự NUL (\\u0000).' }]);
    const en = await t.http().get('/api/v1/catalog/products').query({ q: NUL }).set('Accept-Language', 'en').expect(400);
    expect(en.body.error.details).toEqual([{ field: 'q', message: 'q must not contain a NUL character (\\u0000).' }]);
  });

  it('never answers 5xx to a NUL byte in a query or path parameter, and names the parameter when it refuses', async () => {
    const cases = routes.flatMap((route) =>
      callers.flatMap((who) => [
        ...route.query.map((name) => ({ label: `${route.key} ?${name} as ${who}`, field: name, send: () => call(route, who, {}).query({ [name]: NUL }) })),
        ...route.params.map((name) => ({ label: `${route.key} {${name}} as ${who}`, field: name, send: () => call(route, who, { [name]: NUL }) })),
      ]),
    );
    expect(cases.length).toBeGreaterThan(100);
    expect(await problemsOf(cases)).toEqual([]);
  }, 240_000);

  it('never answers 5xx to a NUL byte in a body field, and names the field when it refuses', async () => {
    const cases = routes.flatMap((route) =>
      (['owner', 'official', 'buyer'] as const).flatMap((who) =>
        route.fields.map((name) => ({
          label: `${route.key} body.${name} as ${who}`,
          field: name,
          send: () => (route.multipart ? call(route, who, {}).field(name, NUL) : call(route, who, {}).send({ [name]: NUL })),
        })),
      ),
    );
    expect(cases.length).toBeGreaterThan(100);
    expect(await problemsOf(cases)).toEqual([]);
  }, 240_000);
});
