import { ApiHarness } from '../support/api-harness';

describe('health and docs', () => {
  let h: ApiHarness;
  beforeAll(async () => {
    h = await ApiHarness.start({ label: 'health' });
  });
  afterAll(() => h.close());

  it('GET /health answers 200 with a request id', async () => {
    const res = await h.http().get('/health').expect(200);
    expect(res.body).toEqual({ status: 'ok' });
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('echoes a well-formed X-Request-Id', async () => {
    const res = await h.http().get('/health').set('x-request-id', 'trace-123').expect(200);
    expect(res.headers['x-request-id']).toBe('trace-123');
  });

  it('GET /health/ready reports Postgres and Redis up', async () => {
    const res = await h.http().get('/health/ready').expect(200);
    expect(res.body).toEqual({ status: 'ready', checks: { postgres: 'up', redis: 'up' } });
  });

  it('serves the OpenAPI document with every endpoint', async () => {
    const res = await h.http().get('/docs-json').expect(200);
    const paths = Object.keys(res.body.paths);
    for (const p of [
      '/health',
      '/health/ready',
      '/api/v1/auth/login',
      '/api/v1/auth/refresh',
      '/api/v1/auth/logout',
      '/api/v1/courier/applications',
      '/api/v1/courier/me',
      '/api/v1/admin/members',
      '/api/v1/admin/members/{id}',
      '/api/v1/admin/members/{id}/approve',
      '/api/v1/admin/members/{id}/reject',
      '/api/v1/admin/members/{id}/suspend',
      '/api/v1/admin/members/{id}/reinstate',
      '/api/v1/admin/members/{id}/withdraw',
      '/api/v1/admin/members/{id}/share-capital',
      '/api/v1/admin/members/{id}/reveal',
      '/api/v1/admin/staff',
      '/api/v1/admin/audit-log',
      '/api/v1/admin/insurers',
      '/api/v1/admin/clients',
      '/api/v1/admin/api-keys/{id}/rotate',
      '/api/v1/quotes',
      '/api/v1/admin/orders',
      '/api/v1/admin/orders/{id}',
      '/api/v1/admin/orders/{id}/assign',
      '/api/v1/admin/orders/{id}/cancel',
      '/api/v1/admin/pricing/rule-sets',
      '/api/v1/admin/dispatch/stream',
      '/api/v1/client/orders',
      '/api/v1/client/orders/{id}',
      '/api/v1/courier/presence',
      '/api/v1/courier/locations',
      '/api/v1/courier/jobs/board',
      '/api/v1/courier/jobs/stream',
      '/api/v1/courier/jobs/{id}/accept',
      '/api/v1/courier/jobs/{id}/decline',
      '/api/v1/courier/jobs/{id}/pickup',
      '/api/v1/courier/jobs/{id}/deliver',
      '/api/v1/courier/jobs/{id}/fail',
      '/api/v1/courier/jobs',
      '/api/v1/admin/fee-policies',
      '/api/v1/admin/settlements/runs',
      '/api/v1/admin/settlements/runs/{id}/payout-file',
      '/api/v1/admin/payouts/{id}/paid',
      '/api/v1/admin/ledger/balance',
      '/api/v1/admin/invoices',
      '/api/v1/courier/statements',
      '/api/v1/courier/statements/{id}',
      '/api/v1/courier/earnings',
      '/api/v1/admin/insurance/rates',
      '/api/v1/admin/insurance/enrollments',
      '/api/v1/admin/insurance/enrollments/{id}/resubmit',
      '/api/v1/admin/insurance/batches',
      '/api/v1/admin/insurance/batches/{id}/file',
      '/api/v1/admin/insurance/monthly',
      '/api/v1/admin/insurance/reports/monthly',
      '/api/v1/insurer/batches',
      '/api/v1/insurer/batches/{id}/file',
      '/api/v1/insurer/batches/{id}/acknowledgement',
      '/api/v1/admin/insurance/enrollments/summary',
      '/api/v1/admin/dashboard/today',
      '/api/v1/admin/staff/{id}',
      '/api/v1/console/config',
      '/api/v1/console/couriers',
    ]) {
      expect(paths).toContain(p);
    }
    expect(Object.keys(res.body.paths['/api/v1/admin/staff/{id}'])).toContain('patch');
    expect(Object.keys(res.body.paths['/api/v1/admin/members'].get.responses['200'].content)).toEqual(expect.arrayContaining(['application/json', 'text/csv']));
    const apply = res.body.paths['/api/v1/courier/applications'].post;
    expect(Object.keys(apply.responses)).toEqual(expect.arrayContaining(['201', '400', '409']));
    expect(res.body.components.schemas.ErrorResponseDto.properties).toHaveProperty('code');
    const html = await h.http().get('/docs').redirects(1);
    expect(html.status).toBe(200);
    expect(html.text).toContain('swagger');
  });

  it('an unknown route is a coded 404', async () => {
    const res = await h.http().get('/api/v1/nope').expect(404);
    expect(res.body).toMatchObject({ statusCode: 404, error: 'Not Found', code: 'REQUEST.ROUTE_NOT_FOUND' });
  });
});

describe('readiness when Redis is down', () => {
  let h: ApiHarness;
  beforeAll(async () => {
    // Nothing listens on this port: the api starts, but is not ready.
    h = await ApiHarness.start({ label: 'noredis', env: { REDIS_URL: 'redis://127.0.0.1:6399' }, bootstrap: false });
  });
  afterAll(() => h.close());

  it('GET /health stays 200 while GET /health/ready answers 503 naming Redis', async () => {
    await h.http().get('/health').expect(200);
    const res = await h.http().get('/health/ready').expect(503);
    expect(res.body).toEqual({ status: 'unavailable', checks: { postgres: 'up', redis: 'down' } });
  });
});
