import { sign } from 'jsonwebtoken';
import { TEST_ADMIN_LOGIN, TEST_ADMIN_PASSWORD, COURIER_PASSWORD } from '@dure/testing';
import { API, ApiHarness, bearer } from '../support/api-harness';

describe('auth', () => {
  let h: ApiHarness;
  beforeAll(async () => {
    h = await ApiHarness.start({ label: 'auth', env: { DURE_LOGIN_MAX_FAILURES: '3', DURE_LOGIN_WINDOW_SEC: '60' } });
  });
  afterAll(() => h.close());

  const login = (body: object) => h.http().post(`${API}/auth/login`).send(body);

  describe('POST /auth/login', () => {
    it('signs the admin in with a short-lived access token and a refresh token', async () => {
      const res = await login({ login: TEST_ADMIN_LOGIN, password: TEST_ADMIN_PASSWORD }).expect(200);
      expect(res.body).toMatchObject({ tokenType: 'Bearer', expiresIn: 900, user: { roles: ['admin'], type: 'staff' } });
      expect(res.body.accessToken.split('.')).toHaveLength(3);
      expect(res.body.refreshToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(res.body.user.id).toMatch(/^[0-9a-f-]{36}$/);
    });

    it('signs a courier in with the phone number, in any usual format', async () => {
      const { memberId, body } = await h.activeCourier();
      const digits = body.phone.replace(/-/g, '');
      for (const form of [body.phone, digits, `+82 ${digits.slice(1)}`]) {
        const res = await login({ login: form, password: COURIER_PASSWORD }).expect(200);
        expect(res.body.user).toMatchObject({ id: memberId, roles: ['courier'], type: 'courier' });
      }
    });

    it('lets an applicant sign in to follow the application', async () => {
      const { memberId, body } = await h.apply();
      const res = await login({ login: body.phone, password: COURIER_PASSWORD }).expect(200);
      const me = await h.http().get(`${API}/courier/me`).set(bearer(res.body.accessToken)).expect(200);
      expect(me.body).toMatchObject({ id: memberId, status: 'applicant', memberNo: null });
    });

    it('refuses a wrong password and an unknown login alike with 401', async () => {
      const wrong = await login({ login: TEST_ADMIN_LOGIN, password: 'not-the-password' }).expect(401);
      expect(wrong.body).toMatchObject({ statusCode: 401, error: 'Unauthorized', code: 'AUTH.INVALID_CREDENTIALS' });
      const unknown = await login({ login: 'nobody-here', password: 'whatever-123' }).expect(401);
      expect(unknown.body.code).toBe('AUTH.INVALID_CREDENTIALS');
    });

    it('refuses a malformed body with 400 and the field', async () => {
      const res = await login({ login: TEST_ADMIN_LOGIN }).expect(400);
      expect(res.body).toMatchObject({ code: 'REQUEST.VALIDATION_FAILED', details: [expect.objectContaining({ field: 'password' })] });
      const extra = await login({ login: 'a', password: 'b', remember: true }).expect(400);
      expect(extra.body).toMatchObject({ code: 'REQUEST.UNKNOWN_FIELD', details: [{ field: 'remember', reason: 'is not a known field' }] });
      const json = await h.http().post(`${API}/auth/login`).set('content-type', 'application/json').send('{"login":').expect(400);
      expect(json.body.code).toBe('REQUEST.MALFORMED_JSON');
      const array = await h.http().post(`${API}/auth/login`).send([{ login: 'a', password: 'b' }]).expect(400);
      expect(array.body.code).toBe('REQUEST.INVALID_BODY');
      const nul = await login({ login: 'ad\u0000min', password: 'x' }).expect(400);
      expect(nul.body.details).toEqual([{ field: 'body', reason: 'contains a NUL character' }]);
    });

    it('throttles repeated failures for a login with 429 and Retry-After, even for the right password', async () => {
      const name = `throttled${Date.now()}`;
      await h.staff(['dispatcher'], name);
      for (let i = 0; i < 3; i++) await login({ login: name, password: 'wrong-password' }).expect(401);
      const blocked = await login({ login: name, password: 'staff-password-123' }).expect(429);
      expect(blocked.body.code).toBe('AUTH.TOO_MANY_ATTEMPTS');
      expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
      expect(Number(blocked.headers['retry-after'])).toBeLessThanOrEqual(60);
      // Other logins are not affected.
      await login({ login: TEST_ADMIN_LOGIN, password: TEST_ADMIN_PASSWORD }).expect(200);
    });

    it('a burst of parallel wrong guesses gets no more password checks than the limit', async () => {
      const { body } = await h.apply();
      const results = await Promise.all(Array.from({ length: 20 }, () => login({ login: body.phone, password: 'wrong-guess-1' })));
      const statuses = results.map((r) => r.status);
      expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(3);
      expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(17);
      expect(statuses.every((s) => s === 401 || s === 429)).toBe(true);
    });

    it('a phone number is one login however it is written', async () => {
      const { body } = await h.apply();
      const digits = body.phone.replace(/-/g, '');
      for (const form of [body.phone, digits, `+82${digits.slice(1)}`]) await login({ login: form, password: 'wrong-guess-2' }).expect(401);
      for (const form of [body.phone, digits, `${digits.slice(0, 3)} ${digits.slice(3, 7)} ${digits.slice(7)}`, `+82 ${digits.slice(1)}`]) {
        await login({ login: form, password: COURIER_PASSWORD }).expect(429);
      }
    });

    it('refuses a withdrawn courier with 403 and ends their sessions', async () => {
      const courier = await h.activeCourier();
      const session = await h.login(courier.body.phone, COURIER_PASSWORD);
      await h
        .http()
        .post(`${API}/admin/members/${courier.memberId}/withdraw`)
        .set(bearer(await h.admin()))
        .send({ reason: '탈퇴', effectiveDate: new Date(Date.now() + 9 * 3600_000).toISOString().slice(0, 10) })
        .expect(200);
      const res = await login({ login: courier.body.phone, password: COURIER_PASSWORD }).expect(403);
      expect(res.body.code).toBe('AUTH.ACCOUNT_CLOSED');
      await h.http().post(`${API}/auth/refresh`).send({ refreshToken: session.refreshToken }).expect(401);
    });
  });

  describe('refresh and logout', () => {
    it('rotates: the new pair works, the old refresh token stops working', async () => {
      const first = await h.login(TEST_ADMIN_LOGIN, TEST_ADMIN_PASSWORD);
      const second = await h.http().post(`${API}/auth/refresh`).send({ refreshToken: first.refreshToken }).expect(200);
      expect(second.body.refreshToken).not.toBe(first.refreshToken);
      await h.http().get(`${API}/admin/staff`).set(bearer(second.body.accessToken)).expect(200);
      const third = await h.http().post(`${API}/auth/refresh`).send({ refreshToken: second.body.refreshToken }).expect(200);
      expect(third.body.user.roles).toEqual(['admin']);
    });

    it('a reused refresh token is refused and ends the whole session', async () => {
      const first = await h.login(TEST_ADMIN_LOGIN, TEST_ADMIN_PASSWORD);
      const second = await h.http().post(`${API}/auth/refresh`).send({ refreshToken: first.refreshToken }).expect(200);
      const replay = await h.http().post(`${API}/auth/refresh`).send({ refreshToken: first.refreshToken }).expect(401);
      expect(replay.body.code).toBe('AUTH.REFRESH_TOKEN_REUSED');
      // The legitimate holder's newer token is revoked too: the thief cannot keep the session.
      const after = await h.http().post(`${API}/auth/refresh`).send({ refreshToken: second.body.refreshToken }).expect(401);
      expect(after.body.code).toBe('AUTH.INVALID_REFRESH_TOKEN');
    });

    it('of many concurrent refreshes with one token, exactly one succeeds', async () => {
      const first = await h.login(TEST_ADMIN_LOGIN, TEST_ADMIN_PASSWORD);
      const results = await Promise.all(
        Array.from({ length: 8 }, () => h.http().post(`${API}/auth/refresh`).send({ refreshToken: first.refreshToken })),
      );
      expect(results.filter((r) => r.status === 200)).toHaveLength(1);
      expect(results.filter((r) => r.status === 401)).toHaveLength(7);
    });

    it('refuses an unknown refresh token', async () => {
      const res = await h.http().post(`${API}/auth/refresh`).send({ refreshToken: 'x'.repeat(43) }).expect(401);
      expect(res.body.code).toBe('AUTH.INVALID_REFRESH_TOKEN');
    });

    it('logout revokes the refresh token', async () => {
      const s = await h.login(TEST_ADMIN_LOGIN, TEST_ADMIN_PASSWORD);
      await h.http().post(`${API}/auth/logout`).send({ refreshToken: s.refreshToken }).expect(204);
      await h.http().post(`${API}/auth/refresh`).send({ refreshToken: s.refreshToken }).expect(401);
      // Logging out twice is harmless.
      await h.http().post(`${API}/auth/logout`).send({ refreshToken: s.refreshToken }).expect(204);
    });
  });

  describe('bearer tokens and roles', () => {
    it('no token → 401', async () => {
      const res = await h.http().get(`${API}/admin/members`).expect(401);
      expect(res.body).toMatchObject({ statusCode: 401, code: 'AUTH.UNAUTHENTICATED' });
    });

    it('a tampered token → 401', async () => {
      const token = await h.admin();
      const [head, payload, sig] = token.split('.');
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
      const forged = Buffer.from(JSON.stringify({ ...claims, roles: ['admin'], sub: '00000000-0000-0000-0000-000000000000' })).toString('base64url');
      await h.http().get(`${API}/admin/members`).set(bearer(`${head}.${forged}.${sig}`)).expect(401);
      await h.http().get(`${API}/admin/members`).set(bearer(`${token}x`)).expect(401);
      await h.http().get(`${API}/admin/members`).set('authorization', token).expect(401);
    });

    it('a token signed with another secret, or expired, → 401', async () => {
      const claims = { sub: '00000000-0000-0000-0000-000000000000', typ: 'staff', roles: ['admin'] };
      const other = sign(claims, 'some-other-secret-that-is-long-enough!!', { issuer: 'dure', audience: 'dure-api', expiresIn: 600 });
      await h.http().get(`${API}/admin/members`).set(bearer(other)).expect(401);
      const expired = sign({ ...claims, exp: Math.floor(Date.now() / 1000) - 10 }, h.env.config.auth.jwtSecret, { issuer: 'dure', audience: 'dure-api' });
      const res = await h.http().get(`${API}/admin/members`).set(bearer(expired)).expect(401);
      expect(res.body.code).toBe('AUTH.UNAUTHENTICATED');
      const none = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.`;
      await h.http().get(`${API}/admin/members`).set(bearer(none)).expect(401);
    });

    it('wrong role → 403', async () => {
      const courier = await h.activeCourier();
      const res = await h.http().get(`${API}/admin/members`).set(bearer(courier.token)).expect(403);
      expect(res.body.code).toBe('AUTH.FORBIDDEN');
      const dispatcher = await h.staff(['dispatcher']);
      await h.http().get(`${API}/admin/members`).set(bearer(dispatcher)).expect(200);
      await h.http().post(`${API}/admin/members/${courier.memberId}/suspend`).set(bearer(dispatcher)).send({ reason: 'x' }).expect(403);
      await h.http().get(`${API}/courier/me`).set(bearer(dispatcher)).expect(403);
      const accountant = await h.staff(['accountant']);
      await h.http().get(`${API}/admin/members/${courier.memberId}/share-capital`).set(bearer(accountant)).expect(200);
      await h.http().get(`${API}/admin/members/${courier.memberId}/share-capital`).set(bearer(dispatcher)).expect(403);
      await h.http().get(`${API}/admin/audit-log`).set(bearer(accountant)).expect(403);
    });
  });
});

describe('auth with a small connection pool', () => {
  let h: ApiHarness;
  beforeAll(async () => {
    h = await ApiHarness.start({ label: 'authpool', env: { DURE_DB_POOL_SIZE: '2' } });
  });
  afterAll(() => h.close());

  it('a fleet refreshing at once does not starve the pool', async () => {
    const sessions = [];
    for (let i = 0; i < 6; i++) sessions.push(await h.login(TEST_ADMIN_LOGIN, TEST_ADMIN_PASSWORD));
    const results = await Promise.all(sessions.map((s) => h.http().post(`${API}/auth/refresh`).send({ refreshToken: s.refreshToken })));
    expect(results.map((r) => r.status)).toEqual(Array(6).fill(200));
  });
});
