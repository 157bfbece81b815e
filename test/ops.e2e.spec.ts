import { createTestApp, signIn, type TestApp } from './harness/app.js';

const METRICS_TOKEN = 'prometheus-scraper-0123456789';

describe('ops: health, metrics, OpenAPI, headers', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { METRICS_TOKEN } });
  });
  afterAll(() => t.close());

  it('answers liveness and readiness at the root, outside /api/v1', async () => {
    expect((await t.http().get('/health').expect(200)).body).toEqual({ status: 'ok' });
    const ready = await t.http().get('/health/ready').expect(200);
    expect(ready.body.status).toBe('ok');
    expect(Object.keys(ready.body.info).sort()).toEqual(['database', 'queue', 'storage']);
  });

  it('exposes Prometheus metrics with HTTP latency histograms by route pattern, to the holder of METRICS_TOKEN only', async () => {
    await signIn(t);
    for (const authorization of [undefined, 'Bearer wrong-token-0123456789', `Basic ${METRICS_TOKEN}`, `Bearer ${METRICS_TOKEN}x`]) {
      const refused = t.http().get('/metrics');
      if (authorization) refused.set('Authorization', authorization);
      expect((await refused.expect(404)).body.error.code).toBe('ROUTE_NOT_FOUND');
    }
    const res = await t.http().get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}`).expect(200);
    expect(res.headers['content-type']).toMatch(/text\/plain/);
    expect(res.text).toMatch(/http_request_duration_seconds_bucket\{le="0.005",method="POST",route="\/api\/v1\/auth\/login",status_code="200"\}/);
    expect(res.text).toMatch(/process_resident_memory_bytes/);
  });

  it('documents every route and its DTOs in the OpenAPI document', async () => {
    const doc = (await t.http().get('/api/docs-json').expect(200)).body;
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/auth/register',
        '/api/v1/auth/login',
        '/api/v1/auth/refresh',
        '/api/v1/me',
        '/api/v1/admin/audit',
        '/api/v1/catalog/wards',
        '/health',
        '/health/ready',
        '/metrics',
      ]),
    );
    const register = doc.components.schemas.RegisterDto;
    expect(register.required).toEqual(expect.arrayContaining(['email', 'password', 'fullName']));
    for (const [path, methods] of Object.entries<Record<string, { responses: Record<string, unknown> }>>(doc.paths)) {
      for (const [method, operation] of Object.entries(methods)) {
        expect([path, method, Object.keys(operation.responses).length > 0]).toEqual([path, method, true]);
      }
    }
    await t.http().get('/api/docs').expect(200).expect('Content-Type', /html/);
  });

  it('answers 404 at /metrics to everyone when METRICS_TOKEN is unset, and serves no API docs when SWAGGER_ENABLED=false', async () => {
    const closed = await createTestApp({ env: { SWAGGER_ENABLED: 'false' } });
    try {
      await closed.http().get('/metrics').expect(404);
      await closed.http().get('/metrics').set('Authorization', 'Bearer undefined').expect(404);
      await closed.http().get('/api/docs').expect(404);
      await closed.http().get('/api/docs-json').expect(404);
      await closed.http().get('/health').expect(200);
    } finally {
      await closed.close();
    }
  });

  it('sends security headers and a request id on every response', async () => {
    const res = await t.http().get('/health').expect(200);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(res.headers['x-powered-by']).toBeUndefined();
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});
