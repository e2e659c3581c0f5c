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

  const activeAdmins = async () => (await db.query(`SELECT id FROM staff_account WHERE 'admin' = ANY(roles) AND active ORDER BY id`)).map((r: { id: string }) => r.id);

  it('cannot be demoted or deactivated, even when two admins remove each other at the same moment', async () => {
    const first = await h.login(TEST_ADMIN_LOGIN, TEST_ADMIN_PASSWORD);
    const created = await h.http().post(`${API}/admin/staff`).set(bearer(first.accessToken)).send({ login: 'admin2nd', password: 'staff-password-1', name: '관리 2', roles: ['admin'] }).expect(201);
    // Exactly two active admins: the first and the new one.
    for (const id of await activeAdmins()) {
      if (id !== first.user.id && id !== created.body.id) await h.http().patch(`${API}/admin/staff/${id}`).set(bearer(first.accessToken)).send({ active: false }).expect(200);
    }
    expect((await activeAdmins()).sort()).toEqual([first.user.id, created.body.id].sort());

    const second = await h.login('admin2nd', 'staff-password-1');
    const results = await Promise.all([
      h.http().patch(`${API}/admin/staff/${created.body.id}`).set(bearer(first.accessToken)).send({ roles: ['dispatcher'] }),
      h.http().patch(`${API}/admin/staff/${first.user.id}`).set(bearer(second.accessToken)).send({ active: false }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const refused = results.find((r) => r.status === 409);
    expect(refused?.body).toMatchObject({ code: 'MEMBERSHIP.LAST_ADMIN', details: [{ field: 'roles' }] });
    expect(await activeAdmins()).toHaveLength(1);

    // The one left cannot remove themself either.
    const [last] = await activeAdmins();
    const token = last === first.user.id ? first.accessToken : second.accessToken;
    await h.http().patch(`${API}/admin/staff/${last}`).set(bearer(token)).send({ roles: ['accountant'] }).expect(409);
    await h.http().patch(`${API}/admin/staff/${last}`).set(bearer(token)).send({ active: false }).expect(409);
    // Renaming them is fine.
    await h.http().patch(`${API}/admin/staff/${last}`).set(bearer(token)).send({ name: '마지막 관리자' }).expect(200);
    expect(await activeAdmins()).toEqual([last]);
  });
});
