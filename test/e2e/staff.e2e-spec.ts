import { DataSource } from 'typeorm';
import { TEST_ADMIN_LOGIN, TEST_ADMIN_PASSWORD } from '@dure/testing';
import { API, ApiHarness, bearer } from '../support/api-harness';

/** Its own database: this file takes admin rights away, which other files rely on. */
describe('staff: the last admin', () => {
  let h: ApiHarness;
  let db: DataSource;
  beforeAll(async () => {
    h = await ApiHarness.start({ label: 'staff' });
    db = h.app.get(DataSource);
  });
  afterAll(() => h.close());

  const activeAdmins = async (): Promise<string[]> => (await db.query(`SELECT id FROM staff_account WHERE 'admin' = ANY(roles) AND active ORDER BY id`)).map((r: { id: string }) => r.id);
  const patch = (token: string, id: string, body: object) => h.http().patch(`${API}/admin/staff/${id}`).set(bearer(token)).send(body);

  it('two admins removing each other at the same moment, again and again: one wins, one admin is left, never a 500', async () => {
    let last = await h.login(TEST_ADMIN_LOGIN, TEST_ADMIN_PASSWORD);
    for (const id of await activeAdmins()) if (id !== last.user.id) await patch(last.accessToken, id, { active: false }).expect(200);
    expect(await activeAdmins()).toEqual([last.user.id]);

    for (let round = 1; round <= 20; round++) {
      const login = `admin-r${round}`;
      const created = await h.http().post(`${API}/admin/staff`).set(bearer(last.accessToken)).send({ login, password: 'staff-password-1', name: `관리 ${round}`, roles: ['admin'] }).expect(201);
      const other = await h.login(login, 'staff-password-1');
      const [a, b] = await Promise.all([patch(last.accessToken, created.body.id, round % 2 ? { roles: ['dispatcher'] } : { active: false }), patch(other.accessToken, last.user.id, { active: false })]);
      const statuses = [a.status, b.status];
      // The loser is refused: by the rule (409), or because it is no longer an admin itself (403/401).
      expect(statuses.filter((s) => s === 200)).toHaveLength(1);
      expect(statuses.every((s) => [200, 401, 403, 409].includes(s))).toBe(true);
      const left = await activeAdmins();
      expect(left).toHaveLength(1);
      last = left[0] === last.user.id ? last : other;
    }
  }, 60_000);

  it('the last admin cannot demote or deactivate themself; the refusal names the field; renaming is fine', async () => {
    const [id] = await activeAdmins();
    const login = (await db.query(`SELECT login FROM staff_account WHERE id = $1`, [id]))[0].login as string;
    const token = (await h.login(login, login === TEST_ADMIN_LOGIN ? TEST_ADMIN_PASSWORD : 'staff-password-1')).accessToken;
    const demote = await patch(token, id, { roles: ['accountant'] }).expect(409);
    expect(demote.body).toMatchObject({ code: 'MEMBERSHIP.LAST_ADMIN', details: [{ field: 'roles' }] });
    const deactivate = await patch(token, id, { active: false }).expect(409);
    expect(deactivate.body).toMatchObject({ code: 'MEMBERSHIP.LAST_ADMIN', details: [{ field: 'active' }] });
    await patch(token, id, { name: '   ' }).expect(400);
    await patch(token, id, { name: '마지막 관리자' }).expect(200);
    expect(await activeAdmins()).toEqual([id]);
  });

  it('a deactivated admin is stopped at once, though their access token has not expired', async () => {
    const [id] = await activeAdmins();
    const login = (await db.query(`SELECT login FROM staff_account WHERE id = $1`, [id]))[0].login as string;
    const admin = (await h.login(login, login === TEST_ADMIN_LOGIN ? TEST_ADMIN_PASSWORD : 'staff-password-1')).accessToken;
    const second = await h.http().post(`${API}/admin/staff`).set(bearer(admin)).send({ login: 'soon-gone', password: 'staff-password-1', name: '곧 퇴사', roles: ['admin'] }).expect(201);
    const goneToken = (await h.login('soon-gone', 'staff-password-1')).accessToken;
    await patch(admin, second.body.id, { active: false }).expect(200);
    const refused = await h.http().get(`${API}/admin/members`).set(bearer(goneToken)).expect(401);
    expect(refused.body.code).toBe('AUTH.ACCOUNT_CLOSED');
    await patch(goneToken, second.body.id, { active: true }).expect(401);
    // A role taken away holds at once too.
    const clerk = await h.http().post(`${API}/admin/staff`).set(bearer(admin)).send({ login: 'clerk-2', password: 'staff-password-1', name: '사무', roles: ['dispatcher', 'accountant'] }).expect(201);
    const clerkToken = (await h.login('clerk-2', 'staff-password-1')).accessToken;
    await h.http().get(`${API}/admin/settlements/runs`).set(bearer(clerkToken)).expect(200);
    await patch(admin, clerk.body.id, { roles: ['dispatcher'] }).expect(200);
    await h.http().get(`${API}/admin/settlements/runs`).set(bearer(clerkToken)).expect(403);
  });
});
