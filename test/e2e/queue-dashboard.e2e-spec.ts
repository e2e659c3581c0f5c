import { API, ApiHarness, bearer } from '../support/api-harness';

describe('queue dashboard at /admin/queues', () => {
  let h: ApiHarness;
  beforeAll(async () => {
    h = await ApiHarness.start({ label: 'queues' });
  });
  afterAll(() => h.close());

  it('refuses anyone without a session (401) and non-admins (403)', async () => {
    await h.http().get('/admin/queues').expect(401);
    const dispatcher = await h.staff(['dispatcher']);
    const res = await h.http().get('/admin/queues').set(bearer(dispatcher)).expect(403);
    expect(res.body.code).toBe('AUTH.FORBIDDEN');
  });

  it('shows the dashboard and its queue API to an admin', async () => {
    const admin = await h.admin();
    const page = await h.http().get('/admin/queues').set(bearer(admin)).expect(200);
    expect(page.text).toContain('<html');
    const queues = await h.http().get('/admin/queues/api/queues').set(bearer(admin)).expect(200);
    const names = queues.body.queues.map((q: { name: string }) => q.name);
    expect(names).toEqual(expect.arrayContaining(['domain-events', 'maintenance']));
  });

  it('a browser gets an HttpOnly cookie for the dashboard from an admin session', async () => {
    const admin = await h.admin();
    const res = await h.http().post(`${API}/admin/queues/session`).set(bearer(admin)).expect(204);
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/dure_queues=.+; Path=\/admin\/queues; HttpOnly; SameSite=Strict/);
    await h.http().get('/admin/queues').set('cookie', cookie.split(';')[0]).expect(200);
    await h.http().get('/admin/queues').set('cookie', 'dure_queues=forged').expect(401);
  });
});
