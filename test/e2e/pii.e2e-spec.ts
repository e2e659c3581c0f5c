import { DataSource } from 'typeorm';
import Redis from 'ioredis';
import { COURIER_PASSWORD, LogCapture, TEST_REDIS_URL, applicationBody } from '@dure/testing';
import { API, ApiHarness, bearer } from '../support/api-harness';

/**
 * The clear RRN and account number exist only in the request that brings them and the
 * audited reveal: not in any table, not in Redis, not in any log line.
 */
describe('personal data at rest and in logs', () => {
  const logs = new LogCapture();
  let h: ApiHarness;
  const rrnDigits = '7702152456789';
  const rrn = '770215-2456789';
  const account = '302-9876-5432-19';
  const accountDigits = '3029876543219';

  beforeAll(async () => {
    h = await ApiHarness.start({ label: 'pii', logStream: logs, env: { LOG_LEVEL: 'trace' } });
    const admin = await h.admin();
    const body = applicationBody({ rrn, birthDate: '1977-02-15', bankAccount: account });
    const applied = await h.http().post(`${API}/courier/applications`).send(body).expect(201);
    const id = applied.body.memberId;
    // Every path that touches the values: duplicates, searches, approval, reveal, sign-in, errors.
    await h.http().post(`${API}/courier/applications`).send({ ...applicationBody(), rrn: rrnDigits, birthDate: '1977-02-15' }).expect(409);
    await h.http().post(`${API}/courier/applications`).send({ ...body, rrn: '770215-2456789x' }).expect(400);
    await h.http().get(`${API}/admin/members`).query({ q: rrn }).set(bearer(admin)).expect(200);
    await h.http().get(`${API}/admin/members?q=${rrnDigits}`).set(bearer(admin)).expect(200);
    await h.http().get(`${API}/admin/members?q=${account}`).set(bearer(admin)).expect(200);
    await h.http().post(`${API}/admin/members/${id}/approve`).set(bearer(admin)).expect(200);
    const revealed = await h.http().post(`${API}/admin/members/${id}/reveal`).set(bearer(admin)).send({ field: 'rrn', reason: '확인' }).expect(200);
    expect(revealed.body.value).toBe(rrnDigits);
    await h.http().post(`${API}/admin/members/${id}/reveal`).set(bearer(admin)).send({ field: 'bankAccount', reason: '확인' }).expect(200);
    const session = await h.login(body.phone, COURIER_PASSWORD);
    await h.http().get(`${API}/courier/me`).set(bearer(session.accessToken)).expect(200);
    await h.http().post(`${API}/admin/members/${id}/withdraw`).set(bearer(admin)).send({ reason: 'x', effectiveDate: '1999-01-01' }).expect(400);
  });
  afterAll(() => h.close());

  const forbidden = [rrnDigits, rrn, accountDigits, account, '2456789', '98765432'];

  it('appears in no table', async () => {
    const db = h.app.get(DataSource);
    const tables: { table_name: string }[] = await db.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
    );
    expect(tables.length).toBeGreaterThan(10);
    let rows = 0;
    for (const { table_name } of tables) {
      const dump: { row: string }[] = await db.query(`SELECT row_to_json(t)::text AS row FROM "${table_name}" t`);
      rows += dump.length;
      for (const { row } of dump) {
        for (const value of forbidden) expect(row).not.toContain(value);
      }
    }
    expect(rows).toBeGreaterThan(10);
    const member = await db.query(`SELECT rrn_masked, bank_account_masked FROM member WHERE rrn_masked = '770215-2******'`);
    expect(member).toEqual([{ rrn_masked: '770215-2******', bank_account_masked: '***-****-3219' }]);
  });

  it('appears in no Redis key or value under this installation', async () => {
    const redis = new Redis(TEST_REDIS_URL);
    try {
      const keys = await redis.keys(`${h.env.redisPrefix}:*`);
      for (const key of keys) {
        const type = await redis.type(key);
        const value =
          type === 'string' ? await redis.get(key) : type === 'hash' ? JSON.stringify(await redis.hgetall(key)) : '';
        for (const v of forbidden) {
          expect(key).not.toContain(v);
          expect(value ?? '').not.toContain(v);
        }
      }
    } finally {
      redis.disconnect();
    }
  });

  it('appears in no log line, even at trace level', () => {
    const text = logs.text();
    expect(logs.lines.length).toBeGreaterThan(20);
    expect(text).toContain('770215-2******'); // the searched URL was logged, masked
    for (const value of forbidden) expect(text).not.toContain(value);
    expect(text).not.toContain(COURIER_PASSWORD);
    expect(text).not.toMatch(/Bearer [A-Za-z0-9_-]+\./);
  });

  it('log lines are JSON with a request id', () => {
    const completed = logs.parsed().filter((l) => l.msg === 'request completed');
    expect(completed.length).toBeGreaterThan(5);
    for (const line of completed) expect(line.requestId).toEqual(expect.any(String));
  });
});
