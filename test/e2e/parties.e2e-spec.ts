import { DataSource } from 'typeorm';
import { API, ApiHarness, bearer } from '../support/api-harness';

/** The secret part of a key `dure_<12 hex>_<43 base64url>` (the secret itself may contain `_`). */
const secretOf = (apiKey: string) => apiKey.slice('dure_'.length + 12 + 1);

describe('insurers, clients and API keys', () => {
  let h: ApiHarness;
  let admin: string;
  beforeAll(async () => {
    h = await ApiHarness.start({ label: 'parties' });
    admin = await h.admin();
  });
  afterAll(() => h.close());

  const post = (path: string, body?: object) => h.http().post(`${API}${path}`).set(bearer(admin)).send(body);

  it('creates an insurer with its key shown once, stored only as a hash', async () => {
    const res = await post('/admin/insurers', { name: '근로복지공단', plans: ['employment', 'industrial_accident'] }).expect(201);
    expect(res.body).toMatchObject({ id: expect.any(String), apiKeyId: expect.any(String), name: '근로복지공단' });
    expect(res.body.apiKey).toMatch(/^dure_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
    const stored = await h.app.get(DataSource).query(`SELECT * FROM api_key WHERE id = $1`, [res.body.apiKeyId]);
    expect(secretOf(res.body.apiKey)).toHaveLength(43);
    expect(JSON.stringify(stored)).not.toContain(secretOf(res.body.apiKey));
    const me = await h.http().get(`${API}/insurer/me`).set('x-api-key', res.body.apiKey).expect(200);
    expect(me.body).toMatchObject({ id: res.body.id, plans: ['employment', 'industrial_accident'], apiKeyId: res.body.apiKeyId });
    const list = await h.http().get(`${API}/admin/insurers`).set(bearer(admin)).expect(200);
    expect(JSON.stringify(list.body)).not.toContain(res.body.apiKey);
  });

  it('a retried creation replays the key without storing it in the clear', async () => {
    const body = { name: '재시도보험', plans: ['group_accident'] };
    const first = await post('/admin/insurers', body).set('idempotency-key', 'insurer-1').expect(201);
    const again = await post('/admin/insurers', body).set('idempotency-key', 'insurer-1').expect(201);
    expect(again.body).toEqual(first.body);
    const stored = await h.app.get(DataSource).query(`SELECT response_body::text AS body FROM idempotency_record WHERE key = 'insurer-1'`);
    expect(stored).toHaveLength(1);
    expect(stored[0].body).not.toContain(secretOf(first.body.apiKey));
    await h.http().get(`${API}/insurer/me`).set('x-api-key', again.body.apiKey).expect(200);
  });

  it('creates a business client; its key works only on client endpoints', async () => {
    const res = await post('/admin/clients', { name: '대구꽃집', businessNo: '123-45-67890', creditAccount: true }).expect(201);
    expect(res.body).toMatchObject({ businessNo: '1234567890', creditAccount: true });
    await h.http().get(`${API}/client/me`).set('x-api-key', res.body.apiKey).expect(200);
    const wrong = await h.http().get(`${API}/insurer/me`).set('x-api-key', res.body.apiKey).expect(403);
    expect(wrong.body.code).toBe('AUTH.FORBIDDEN');
    const dup = await post('/admin/clients', { name: '다른꽃집', businessNo: '1234567890', creditAccount: false }).expect(409);
    expect(dup.body.code).toBe('MEMBERSHIP.DUPLICATE_BUSINESS_NO');
  });

  it.each([
    ['/admin/insurers', { name: 'x', plans: ['life'] }, 'plans'],
    ['/admin/insurers', { name: 'x', plans: [] }, 'plans'],
    ['/admin/insurers', { plans: ['employment'] }, 'name'],
    ['/admin/clients', { name: 'x', businessNo: '12-345', creditAccount: false }, 'businessNo'],
    ['/admin/clients', { name: 'x', businessNo: '123-45-67890', creditAccount: 'yes' }, 'creditAccount'],
  ])('POST %s %j → 400 naming %s', async (path, body, field) => {
    const res = await post(path, body).expect(400);
    expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
  });

  it('no key, a malformed key or an unknown key → 401', async () => {
    await h.http().get(`${API}/insurer/me`).expect(401);
    await h.http().get(`${API}/insurer/me`).set('x-api-key', 'nonsense').expect(401);
    await h.http().get(`${API}/insurer/me`).set('x-api-key', `dure_000000000000_${'A'.repeat(43)}`).expect(401);
  });

  it('a key with the right prefix and a wrong secret → 401', async () => {
    const res = await post('/admin/insurers', { name: '가짜비밀', plans: ['group_accident'] }).expect(201);
    const prefix = res.body.apiKey.slice(5, 17);
    await h.http().get(`${API}/insurer/me`).set('x-api-key', `dure_${prefix}_${'B'.repeat(43)}`).expect(401);
  });

  it('rotation issues a new key and the old one stops working at once', async () => {
    const created = await post('/admin/insurers', { name: '한화손해보험', plans: ['group_accident'] }).expect(201);
    const rotated = await post(`/admin/api-keys/${created.body.apiKeyId}/rotate`).expect(200);
    expect(rotated.body).toMatchObject({ ownerType: 'insurer', ownerId: created.body.id });
    expect(rotated.body.apiKey).not.toBe(created.body.apiKey);
    await h.http().get(`${API}/insurer/me`).set('x-api-key', created.body.apiKey).expect(401);
    await h.http().get(`${API}/insurer/me`).set('x-api-key', rotated.body.apiKey).expect(200);
    // The old key id is no longer active; rotating by the owner's id works too.
    await post(`/admin/api-keys/${created.body.apiKeyId}/rotate`).expect(404);
    const again = await post(`/admin/api-keys/${created.body.id}/rotate`).expect(200);
    await h.http().get(`${API}/insurer/me`).set('x-api-key', rotated.body.apiKey).expect(401);
    await h.http().get(`${API}/insurer/me`).set('x-api-key', again.body.apiKey).expect(200);
    const log = await h.http().get(`${API}/admin/audit-log`).query({ action: 'api-key.rotate', targetId: created.body.id }).set(bearer(admin));
    expect(log.body.total).toBe(2);
  });

  it('concurrent rotations leave exactly one working key', async () => {
    const created = await post('/admin/clients', { name: '동시회전', businessNo: '222-22-22222', creditAccount: false }).expect(201);
    const results = await Promise.all(Array.from({ length: 5 }, () => post(`/admin/api-keys/${created.body.id}/rotate`)));
    const ok = results.filter((r) => r.status === 200);
    expect(ok.length).toBeGreaterThanOrEqual(1);
    const working = [];
    for (const r of ok) {
      const me = await h.http().get(`${API}/client/me`).set('x-api-key', r.body.apiKey);
      if (me.status === 200) working.push(r.body.apiKey);
    }
    expect(working).toHaveLength(1);
    const active = await h.app.get(DataSource).query(`SELECT count(*) AS n FROM api_key WHERE owner_id = $1 AND revoked_at IS NULL`, [created.body.id]);
    expect(Number(active[0].n)).toBe(1);
  });

  it('rotating an unknown key → 404; only admins manage keys', async () => {
    const res = await post(`/admin/api-keys/00000000-0000-4000-8000-000000000000/rotate`).expect(404);
    expect(res.body.code).toBe('AUTH.API_KEY_NOT_FOUND');
    const accountant = await h.staff(['accountant']);
    await h.http().post(`${API}/admin/insurers`).set(bearer(accountant)).send({ name: 'x', plans: ['employment'] }).expect(403);
    await h.http().post(`${API}/admin/api-keys/00000000-0000-4000-8000-000000000000/rotate`).set(bearer(accountant)).expect(403);
  });

  it('staff read the lists they work with: accountants the insurers, every role the clients; dispatchers not the insurers', async () => {
    const accountant = await h.staff(['accountant']);
    const dispatcher = await h.staff(['dispatcher']);
    const insurers = await h.http().get(`${API}/admin/insurers`).set(bearer(accountant)).expect(200);
    expect(insurers.body.total).toBeGreaterThan(0);
    await h.http().get(`${API}/admin/insurers`).set(bearer(dispatcher)).expect(403);
    for (const token of [accountant, dispatcher]) {
      const clients = await h.http().get(`${API}/admin/clients`).set(bearer(token)).expect(200);
      expect(clients.body.total).toBeGreaterThan(0);
      expect(JSON.stringify(clients.body)).not.toMatch(/"apiKey"/);
    }
  });
});
