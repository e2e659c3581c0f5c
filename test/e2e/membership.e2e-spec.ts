import { DataSource } from 'typeorm';
import { COURIER_PASSWORD, applicationBody } from '@dure/testing';
import { API, ApiHarness, bearer } from '../support/api-harness';

const today = () => new Date(Date.now() + 9 * 3600_000).toISOString().slice(0, 10);
const year = () => Number(today().slice(0, 4));

describe('membership', () => {
  let h: ApiHarness;
  let db: DataSource;
  let admin: string;
  beforeAll(async () => {
    h = await ApiHarness.start({ label: 'membership' });
    db = h.app.get(DataSource);
    admin = await h.admin();
  });
  afterAll(() => h.close());

  const count = async (table: string) => Number((await db.query(`SELECT count(*) AS n FROM ${table}`))[0].n);
  const post = (path: string, body?: object) => h.http().post(`${API}${path}`).set(bearer(admin)).send(body);

  describe('POST /courier/applications', () => {
    it('creates an applicant (201)', async () => {
      const res = await h.http().post(`${API}/courier/applications`).send(applicationBody()).expect(201);
      expect(res.body).toEqual({ memberId: expect.stringMatching(/^[0-9a-f-]{36}$/), status: 'applicant' });
    });

    it.each([
      ['rrn of 12 digits', { rrn: '900101-123456' }, 'MEMBERSHIP.INVALID_RRN', 'rrn'],
      ['rrn with letters', { rrn: '900101-12345a7' }, 'MEMBERSHIP.INVALID_RRN', 'rrn'],
      ['rrn with a 9 as century digit', { rrn: '900101-9234567', birthDate: '1990-01-01' }, 'MEMBERSHIP.INVALID_RRN', 'rrn'],
      ['rrn with an impossible date', { rrn: '900230-1234567', birthDate: '1990-03-02' }, 'MEMBERSHIP.INVALID_RRN', 'rrn'],
      ['rrn not matching birthDate', { rrn: '900101-1234567', birthDate: '1990-01-02' }, 'MEMBERSHIP.INVALID_RRN', 'rrn'],
      ['rrn of the 2000s with 1900s birthDate', { rrn: '900101-3234567', birthDate: '1990-01-01' }, 'MEMBERSHIP.INVALID_RRN', 'rrn'],
      ['birthDate not a date', { birthDate: '1990-02-30' }, 'REQUEST.VALIDATION_FAILED', 'birthDate'],
      ['phone not a mobile number', { phone: '053-123-4567' }, 'MEMBERSHIP.INVALID_PHONE', 'phone'],
      ['unknown vehicle', { vehicleType: 'bicycle' }, 'REQUEST.VALIDATION_FAILED', 'vehicleType'],
      ['short password', { password: 'short' }, 'REQUEST.VALIDATION_FAILED', 'password'],
      ['bank account with letters', { bankAccount: '508-10-12a456' }, 'MEMBERSHIP.INVALID_BANK_ACCOUNT', 'bankAccount'],
      ['empty name', { name: '' }, 'REQUEST.VALIDATION_FAILED', 'name'],
      ['privacy consent refused', { consents: { privacy: false, insurance: true } }, 'MEMBERSHIP.CONSENT_REQUIRED', 'consents.privacy'],
      ['insurance consent refused', { consents: { privacy: true, insurance: false } }, 'MEMBERSHIP.CONSENT_REQUIRED', 'consents.insurance'],
      ['consents missing a key', { consents: { privacy: true } }, 'REQUEST.VALIDATION_FAILED', 'consents.insurance'],
      ['consents as a string', { consents: 'yes' }, 'REQUEST.VALIDATION_FAILED', 'consents'],
      ['a birth date in the future', { birthDate: '2099-01-01', rrn: '990101-3123456' }, 'MEMBERSHIP.INVALID_BIRTH_DATE', 'birthDate'],
      ['a NUL character in the name', { name: 'a\u0000b' }, 'REQUEST.INVALID_BODY', 'body'],
    ])('%s → 400 %s naming %s, and nothing is written', async (_, override, code, field) => {
      const before = await count('member');
      const res = await h.http().post(`${API}/courier/applications`).send(applicationBody(override as object)).expect(400);
      expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request', code });
      expect(res.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
      expect(JSON.stringify(res.body)).not.toMatch(/\d{6}-?\d{7}/);
      expect(await count('member')).toBe(before);
    });

    it('a missing field is named as required', async () => {
      const { rrn: _rrn, ...body } = applicationBody();
      const res = await h.http().post(`${API}/courier/applications`).send(body).expect(400);
      expect(res.body.details).toEqual([{ field: 'rrn', reason: 'is required', code: 'MEMBERSHIP.INVALID_RRN' }]);
    });

    it('unknown fields, nested too, are refused', async () => {
      const res = await h.http().post(`${API}/courier/applications`).send({ ...applicationBody(), memberNo: 'DR-1' }).expect(400);
      expect(res.body).toMatchObject({ code: 'REQUEST.UNKNOWN_FIELD', details: [{ field: 'memberNo' }] });
      const nested = await h
        .http()
        .post(`${API}/courier/applications`)
        .send({ ...applicationBody(), consents: { privacy: true, insurance: true, marketing: true } })
        .expect(400);
      expect(nested.body.details).toEqual([{ field: 'consents.marketing', reason: 'is not a known field' }]);
    });

    it('JSON nested absurdly deep → 400, not a crash', async () => {
      const deep = '['.repeat(5000) + ']'.repeat(5000);
      const res = await h.http().post(`${API}/courier/applications`).set('content-type', 'application/json').send(`{"consents":${deep}}`).expect(400);
      expect(res.body).toMatchObject({ code: 'REQUEST.INVALID_BODY', details: [{ field: 'body', reason: 'is nested deeper than 32 levels' }] });
    });

    it('malformed JSON → 400', async () => {
      const res = await h.http().post(`${API}/courier/applications`).set('content-type', 'application/json').send('{"name": "x",}').expect(400);
      expect(res.body).toMatchObject({ code: 'REQUEST.MALFORMED_JSON', details: [{ field: 'body' }] });
    });

    it('refuses a second application with the same RRN (any formatting) or phone: 409', async () => {
      const first = applicationBody();
      await h.http().post(`${API}/courier/applications`).send(first).expect(201);
      const sameRrn = await h
        .http()
        .post(`${API}/courier/applications`)
        .send(applicationBody({ rrn: first.rrn.replace('-', ''), birthDate: first.birthDate }))
        .expect(409);
      expect(sameRrn.body).toMatchObject({ statusCode: 409, code: 'MEMBERSHIP.DUPLICATE_RRN', details: [{ field: 'rrn' }] });
      const samePhone = await h
        .http()
        .post(`${API}/courier/applications`)
        .send(applicationBody({ phone: first.phone.replace(/-/g, '') }))
        .expect(409);
      expect(samePhone.body.code).toBe('MEMBERSHIP.DUPLICATE_PHONE');
    });

    it('of simultaneous applications with one RRN, exactly one is created', async () => {
      const body = applicationBody();
      const results = await Promise.all(
        Array.from({ length: 5 }, (_, i) => h.http().post(`${API}/courier/applications`).send({ ...body, phone: `010-7777-000${i}` })),
      );
      expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409]);
    });

    it('an Idempotency-Key replays the first answer; the same key with another body is a 409', async () => {
      const body = applicationBody();
      const first = await h.http().post(`${API}/courier/applications`).set('idempotency-key', 'apply-1').send(body).expect(201);
      const again = await h.http().post(`${API}/courier/applications`).set('idempotency-key', 'apply-1').send(body).expect(201);
      expect(again.body).toEqual(first.body);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(Number((await db.query(`SELECT count(*) AS n FROM member WHERE phone = $1`, [body.phone.replace(/-/g, '')]))[0].n)).toBe(1);
      const other = await h.http().post(`${API}/courier/applications`).set('idempotency-key', 'apply-1').send(applicationBody()).expect(409);
      expect(other.body.code).toBe('IDEMPOTENCY.KEY_REUSED');
      const bad = await h.http().post(`${API}/courier/applications`).set('idempotency-key', 'has space').send(applicationBody()).expect(400);
      expect(bad.body.code).toBe('IDEMPOTENCY.INVALID_KEY');
    });

    it('a failed request does not burn its Idempotency-Key', async () => {
      const body = applicationBody();
      await h.http().post(`${API}/courier/applications`).set('idempotency-key', 'apply-2').send({ ...body, rrn: 'bad' }).expect(400);
      await h.http().post(`${API}/courier/applications`).set('idempotency-key', 'apply-2').send(body).expect(201);
    });
  });

  describe('the status machine', () => {
    it('approval makes the applicant active with a member number, once', async () => {
      const { memberId } = await h.apply();
      const res = await post(`/admin/members/${memberId}/approve`).expect(200);
      expect(res.body).toMatchObject({ id: memberId, status: 'active', memberNo: expect.stringMatching(new RegExp(`^DR-${year()}-\\d{5}$`)) });
      const again = await post(`/admin/members/${memberId}/approve`).expect(409);
      expect(again.body).toMatchObject({ code: 'MEMBERSHIP.INVALID_TRANSITION', details: [{ field: 'status', reason: 'is active' }] });
    });

    it('ten simultaneous approvals of one applicant: one wins, one number is used', async () => {
      const { memberId } = await h.apply();
      const counterBefore = await db.query(`SELECT last_value FROM member_no_counter WHERE year = $1`, [year()]);
      const results = await Promise.all(Array.from({ length: 10 }, () => post(`/admin/members/${memberId}/approve`)));
      expect(results.filter((r) => r.status === 200)).toHaveLength(1);
      expect(results.filter((r) => r.status === 409)).toHaveLength(9);
      const counterAfter = await db.query(`SELECT last_value FROM member_no_counter WHERE year = $1`, [year()]);
      expect(counterAfter[0].last_value).toBe((counterBefore[0]?.last_value ?? 0) + 1);
      const history = await db.query(`SELECT to_status FROM member_status_change WHERE member_id = $1 ORDER BY id`, [memberId]);
      expect(history.map((r: { to_status: string }) => r.to_status)).toEqual(['applicant', 'active']);
      const events = await db.query(`SELECT topic FROM outbox_event WHERE payload->>'memberId' = $1`, [memberId]);
      expect(events).toEqual([{ topic: 'member.activated' }]);
    });

    it('simultaneous approvals of different applicants get distinct, consecutive numbers', async () => {
      const ids = await Promise.all(Array.from({ length: 8 }, () => h.apply().then((a) => a.memberId)));
      const results = await Promise.all(ids.map((id) => post(`/admin/members/${id}/approve`).expect(200)));
      const numbers = results.map((r) => Number(r.body.memberNo.split('-')[2])).sort((a, b) => a - b);
      expect(new Set(numbers).size).toBe(8);
      expect(numbers[7] - numbers[0]).toBe(7);
    });

    it('suspend → reinstate → withdraw, each recorded with who, when and why, and published', async () => {
      const { memberId } = await h.activeCourier();
      await post(`/admin/members/${memberId}/suspend`, { reason: '민원 조사' }).expect(200);
      const reinstated = await post(`/admin/members/${memberId}/reinstate`).expect(200);
      expect(reinstated.body.status).toBe('active');
      const withdrawn = await post(`/admin/members/${memberId}/withdraw`, { reason: '이사', effectiveDate: today() }).expect(200);
      expect(withdrawn.body).toMatchObject({ status: 'withdrawn', withdrawalEffectiveOn: today(), statusReason: '이사' });

      const detail = await h.http().get(`${API}/admin/members/${memberId}`).set(bearer(admin)).expect(200);
      expect(detail.body.statusHistory.map((c: { from: string; to: string }) => `${c.from}→${c.to}`)).toEqual([
        'null→applicant',
        'applicant→active',
        'active→suspended',
        'suspended→active',
        'active→withdrawn',
      ]);
      const suspension = detail.body.statusHistory[2];
      expect(suspension).toMatchObject({ reason: '민원 조사', actorType: 'staff', actorName: 'Administrator', effectiveOn: today() });
      expect(suspension.at).toMatch(/\+09:00$/);

      const topics = await db.query(`SELECT topic FROM outbox_event WHERE payload->>'memberId' = $1 ORDER BY id`, [memberId]);
      expect(topics.map((t: { topic: string }) => t.topic)).toEqual([
        'member.activated',
        'member.suspended',
        'member.reinstated',
        'member.withdrawn',
      ]);
    });

    it.each([
      ['suspend an applicant', 'applicant', 'suspend', { reason: 'x' }],
      ['reinstate an active member', 'active', 'reinstate', {}],
      ['withdraw an applicant', 'applicant', 'withdraw', { reason: 'x', effectiveDate: today() }],
      ['reject an active member', 'active', 'reject', { reason: 'x' }],
    ])('cannot %s: 409 and nothing changes', async (_, state, action, body) => {
      const { memberId } = state === 'applicant' ? await h.apply() : await h.activeCourier();
      const historyBefore = await count('member_status_change');
      const res = await post(`/admin/members/${memberId}/${action}`, body).expect(409);
      expect(res.body.code).toBe('MEMBERSHIP.INVALID_TRANSITION');
      expect(await count('member_status_change')).toBe(historyBefore);
    });

    it('rejects an applicant with a reason; a rejected member can no longer be approved', async () => {
      const { memberId } = await h.apply();
      const res = await post(`/admin/members/${memberId}/reject`, { reason: '서류 미비' }).expect(200);
      expect(res.body).toMatchObject({ status: 'rejected', statusReason: '서류 미비', memberNo: null });
      await post(`/admin/members/${memberId}/approve`).expect(409);
    });

    it('a reason is required where the contract asks for one', async () => {
      const { memberId } = await h.activeCourier();
      const res = await post(`/admin/members/${memberId}/suspend`, {}).expect(400);
      expect(res.body.details).toEqual([{ field: 'reason', reason: 'is required' }]);
      const withdraw = await post(`/admin/members/${memberId}/withdraw`, { reason: 'x', effectiveDate: '2026-02-30' }).expect(400);
      expect(withdraw.body.details[0].field).toBe('effectiveDate');
    });

    it('a withdrawal cannot take effect before the member joined', async () => {
      const { memberId } = await h.activeCourier();
      const res = await post(`/admin/members/${memberId}/withdraw`, { reason: 'x', effectiveDate: '2020-01-01' }).expect(400);
      expect(res.body).toMatchObject({ code: 'MEMBERSHIP.INVALID_EFFECTIVE_DATE', details: [{ field: 'effectiveDate' }] });
      expect((await h.http().get(`${API}/admin/members/${memberId}`).set(bearer(admin))).body.status).toBe('active');
    });

    it('unknown member → 404, malformed id → 400', async () => {
      const missing = await post(`/admin/members/00000000-0000-4000-8000-000000000000/approve`).expect(404);
      expect(missing.body.code).toBe('MEMBERSHIP.MEMBER_NOT_FOUND');
      const bad = await post(`/admin/members/not-a-uuid/approve`).expect(400);
      expect(bad.body.code).toBe('REQUEST.INVALID_ID');
    });
  });

  describe('share capital', () => {
    it('records payments and refunds; the balance never goes negative', async () => {
      const { memberId } = await h.activeCourier();
      const pay = await post(`/admin/members/${memberId}/share-capital`, { kind: 'payment', amountWon: 60_000, paidOn: today() }).expect(201);
      expect(pay.body).toMatchObject({ kind: 'payment', amountWon: 60_000, paidOn: today() });
      await post(`/admin/members/${memberId}/share-capital`, { kind: 'payment', amountWon: 40_000, paidOn: today(), note: '잔금' }).expect(201);
      await post(`/admin/members/${memberId}/share-capital`, { kind: 'refund', amountWon: 30_000, paidOn: today() }).expect(201);
      const over = await post(`/admin/members/${memberId}/share-capital`, { kind: 'refund', amountWon: 70_001, paidOn: today() }).expect(409);
      expect(over.body.code).toBe('MEMBERSHIP.REFUND_EXCEEDS_BALANCE');
      const ledger = await h.http().get(`${API}/admin/members/${memberId}/share-capital`).set(bearer(admin)).expect(200);
      expect(ledger.body).toMatchObject({ minimumWon: 100_000, paidInWon: 100_000, refundedWon: 30_000, balanceWon: 70_000, outstandingWon: 30_000 });
      expect(ledger.body.entries.map((e: { kind: string; amountWon: number }) => [e.kind, e.amountWon])).toEqual([
        ['payment', 60_000],
        ['payment', 40_000],
        ['refund', 30_000],
      ]);
    });

    it('concurrent refunds cannot overdraw the balance', async () => {
      const { memberId } = await h.activeCourier();
      await post(`/admin/members/${memberId}/share-capital`, { kind: 'payment', amountWon: 100_000, paidOn: today() }).expect(201);
      const results = await Promise.all(
        Array.from({ length: 4 }, () => post(`/admin/members/${memberId}/share-capital`, { kind: 'refund', amountWon: 40_000, paidOn: today() })),
      );
      expect(results.map((r) => r.status).sort()).toEqual([201, 201, 409, 409]);
      const ledger = await h.http().get(`${API}/admin/members/${memberId}/share-capital`).set(bearer(admin));
      expect(ledger.body.balanceWon).toBe(20_000);
    });

    it.each([
      [{ kind: 'payment', amountWon: 0, paidOn: '2026-01-05' }, 'amountWon'],
      [{ kind: 'payment', amountWon: -5000, paidOn: '2026-01-05' }, 'amountWon'],
      [{ kind: 'payment', amountWon: 1000.5, paidOn: '2026-01-05' }, 'amountWon'],
      [{ kind: 'payment', amountWon: '1000', paidOn: '2026-01-05' }, 'amountWon'],
      [{ kind: 'payment', amountWon: 100_000_001, paidOn: '2026-01-05' }, 'amountWon'],
      [{ kind: 'gift', amountWon: 1000, paidOn: '2026-01-05' }, 'kind'],
      [{ kind: 'payment', amountWon: 1000, paidOn: '05/01/2026' }, 'paidOn'],
      [{ kind: 'payment', amountWon: 1000, paidOn: '2999-01-01' }, 'paidOn'],
    ])('%j → 400 naming %s', async (body, field) => {
      const { memberId } = await h.activeCourier();
      const res = await post(`/admin/members/${memberId}/share-capital`, body).expect(400);
      expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
      const ledger = await h.http().get(`${API}/admin/members/${memberId}/share-capital`).set(bearer(admin));
      expect(ledger.body.entries).toEqual([]);
    });

    it('a payment retried with its Idempotency-Key is recorded once', async () => {
      const { memberId } = await h.activeCourier();
      const body = { kind: 'payment', amountWon: 100_000, paidOn: today() };
      const a = await post(`/admin/members/${memberId}/share-capital`, body).set('idempotency-key', `pay-${memberId}`).expect(201);
      const b = await post(`/admin/members/${memberId}/share-capital`, body).set('idempotency-key', `pay-${memberId}`).expect(201);
      expect(b.body.id).toBe(a.body.id);
      const ledger = await h.http().get(`${API}/admin/members/${memberId}/share-capital`).set(bearer(admin));
      expect(ledger.body.entries).toHaveLength(1);
    });

    it('withdrawal schedules the refund of the balance; paying it out marks it paid', async () => {
      const { memberId } = await h.activeCourier();
      await post(`/admin/members/${memberId}/share-capital`, { kind: 'payment', amountWon: 100_000, paidOn: today() }).expect(201);
      await post(`/admin/members/${memberId}/withdraw`, { reason: '은퇴', effectiveDate: today() }).expect(200);
      let ledger = await h.http().get(`${API}/admin/members/${memberId}/share-capital`).set(bearer(admin));
      expect(ledger.body.scheduledRefund).toEqual({ amountWon: 100_000, dueOn: today(), status: 'scheduled' });
      expect(ledger.body.outstandingWon).toBe(0);
      await post(`/admin/members/${memberId}/share-capital`, { kind: 'payment', amountWon: 1000, paidOn: today() }).expect(409);
      await post(`/admin/members/${memberId}/share-capital`, { kind: 'refund', amountWon: 100_000, paidOn: today() }).expect(201);
      ledger = await h.http().get(`${API}/admin/members/${memberId}/share-capital`).set(bearer(admin));
      expect(ledger.body).toMatchObject({ balanceWon: 0, scheduledRefund: { status: 'paid' } });
    });
  });

  describe('reading members', () => {
    it('GET /admin/members filters by status and searches name, phone, member number or full RRN, with paging', async () => {
      const a = await h.activeCourier({ name: '검색대상갑' });
      await h.apply({ name: '검색대상을' });
      const byName = await h.http().get(`${API}/admin/members`).query({ q: '검색대상' }).set(bearer(admin)).expect(200);
      expect(byName.body).toMatchObject({ total: 2, page: 1, limit: 20 });
      const active = await h.http().get(`${API}/admin/members`).query({ q: '검색대상', status: 'active' }).set(bearer(admin));
      expect(active.body.items.map((m: { id: string }) => m.id)).toEqual([a.memberId]);
      const byNo = await h.http().get(`${API}/admin/members`).query({ q: a.memberNo }).set(bearer(admin));
      expect(byNo.body.items.map((m: { id: string }) => m.id)).toEqual([a.memberId]);
      const byPhone = await h.http().get(`${API}/admin/members`).query({ q: a.body.phone }).set(bearer(admin));
      expect(byPhone.body.items.map((m: { id: string }) => m.id)).toEqual([a.memberId]);
      const byRrn = await h.http().get(`${API}/admin/members`).query({ q: a.body.rrn }).set(bearer(admin));
      expect(byRrn.body.items.map((m: { id: string }) => m.id)).toEqual([a.memberId]);
      const page2 = await h.http().get(`${API}/admin/members`).query({ q: '검색대상', limit: 1, page: 2 }).set(bearer(admin));
      expect(page2.body).toMatchObject({ total: 2, page: 2, limit: 1 });
      expect(page2.body.items).toHaveLength(1);
    });

    it('sorts the register by name or member number, either way', async () => {
      const names = ['정렬다', '정렬가', '정렬나'];
      for (const name of names) await h.activeCourier({ name });
      const list = async (sort: string) =>
        (await h.http().get(`${API}/admin/members`).query({ q: '정렬', sort }).set(bearer(admin)).expect(200)).body.items.map((m: { name: string; memberNo: string }) => [m.name, m.memberNo]);
      expect((await list('name')).map(([n]: string[]) => n)).toEqual(['정렬가', '정렬나', '정렬다']);
      expect((await list('-name')).map(([n]: string[]) => n)).toEqual(['정렬다', '정렬나', '정렬가']);
      const byNo = (await list('memberNo')).map(([, no]: string[]) => no);
      expect(byNo).toEqual([...byNo].sort());
      expect((await list('-memberNo')).map(([, no]: string[]) => no)).toEqual([...byNo].reverse());
    });

    it('?format=csv exports every matching member, not one page, masked and audited, for Excel', async () => {
      const created = [];
      for (const name of ['내보내기가', '내보내기나', '내보내기다']) created.push(await h.activeCourier({ name }));
      const res = await h.http().get(`${API}/admin/members`).query({ q: '내보내기', status: 'active', sort: 'name', format: 'csv', limit: 1 }).set(bearer(admin)).buffer(true).parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      }).expect(200);
      expect(res.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
      expect(res.headers['content-disposition']).toBe('attachment; filename="dure-members-active.csv"');
      const body = res.body as Buffer;
      expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const lines = body.subarray(3).toString('utf8').trimEnd().split('\r\n');
      expect(lines[0]).toBe('조합원 번호,이름,상태,전화번호,주민등록번호,차량,은행,계좌번호,예금주,신청일시,승인일시,사유,탈퇴일');
      expect(lines.slice(1).map((l) => l.split(',')[1])).toEqual(['내보내기가', '내보내기나', '내보내기다']);
      const first = lines[1].split(',');
      expect(first[0]).toBe(created[0].memberNo);
      expect(first[2]).toBe('활동');
      expect(first[5]).toBe('오토바이');
      expect(first[9]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
      expect(first[3]).toMatch(/\*{4}/);
      expect(first[3]).not.toBe(created[0].body.phone);
      expect(first[4]).toMatch(/^\d{6}-\d\*{6}$/);
      expect(first[7]).toMatch(/^\*{3}-\*{4}-\d{4}$/);
      const [entry] = await db.query(`SELECT details FROM audit_log WHERE action = 'member.export' ORDER BY id DESC LIMIT 1`);
      expect(entry.details).toMatchObject({ q: '내보내기', status: 'active', sort: 'name', rows: 3 });

      // Searched by a full RRN: the audit log keeps the search with its digits masked.
      await h.http().get(`${API}/admin/members`).query({ q: created[1].body.rrn, format: 'csv' }).set(bearer(admin)).expect(200);
      const [byRrn] = await db.query(`SELECT details FROM audit_log WHERE action = 'member.export' ORDER BY id DESC LIMIT 1`);
      expect(byRrn.details.rows).toBe(1);
      expect(JSON.stringify(byRrn.details)).not.toMatch(/\d{6}/);

      // Only an admin takes the register out.
      for (const roles of [['dispatcher'], ['accountant']] as const) {
        const token = await h.staff([...roles]);
        await h.http().get(`${API}/admin/members`).query({ format: 'csv' }).set(bearer(token)).expect(403);
        await h.http().get(`${API}/admin/members`).set(bearer(token)).expect(200);
      }
    });

    it.each([
      [{ status: 'sleeping' }, 'status'],
      [{ limit: 500 }, 'limit'],
      [{ page: 0 }, 'page'],
      [{ page: 'two' }, 'page'],
      [{ sort: 'rrn' }, 'sort'],
      [{ format: 'xlsx' }, 'format'],
      [{ page: '999999999999999999' }, 'page'],
      [{ q: 'a\u0000b' }, 'query'], // a NUL anywhere in the query string is refused before fields are read
    ])('refuses the bad query %j, naming %s', async (query, field) => {
      const res = await h.http().get(`${API}/admin/members`).query(query).set(bearer(admin)).expect(400);
      expect(res.body.code).toMatch(/^REQUEST\./);
      expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
    });

    it('every view masks the RRN and account number', async () => {
      const c = await h.activeCourier({ rrn: '850412-1234567', birthDate: '1985-04-12', bankAccount: '508-10-123456-7' });
      const detail = await h.http().get(`${API}/admin/members/${c.memberId}`).set(bearer(admin)).expect(200);
      expect(detail.body).toMatchObject({ rrn: '850412-1******', bankAccount: '***-****-4567', memberNo: c.memberNo });
      const me = await h.http().get(`${API}/courier/me`).set(bearer(c.token)).expect(200);
      expect(me.body).toMatchObject({
        id: c.memberId,
        status: 'active',
        memberNo: c.memberNo,
        rrn: '850412-1******',
        bankAccount: '***-****-4567',
        insurance: [],
      });
      for (const body of [detail.body, me.body]) {
        expect(JSON.stringify(body)).not.toContain('1234567');
        expect(JSON.stringify(body)).not.toContain('123456');
        expect(body).not.toHaveProperty('passwordHash');
      }
    });

    it('a courier sees only themself', async () => {
      const a = await h.activeCourier();
      const b = await h.activeCourier();
      const me = await h.http().get(`${API}/courier/me`).set(bearer(b.token)).expect(200);
      expect(me.body.id).toBe(b.memberId);
      expect(me.body.id).not.toBe(a.memberId);
      await h.http().get(`${API}/admin/members/${a.memberId}`).set(bearer(b.token)).expect(403);
    });
  });

  describe('reveal', () => {
    it('an admin sees the clear value with a reason, and the audit log records it', async () => {
      const c = await h.activeCourier({ rrn: '920304-2345678', birthDate: '1992-03-04', bankAccount: '110-234-567804' });
      const rrn = await post(`/admin/members/${c.memberId}/reveal`, { field: 'rrn', reason: '4대보험 신고 확인' }).expect(200);
      expect(rrn.body).toEqual({ field: 'rrn', value: '9203042345678' });
      const account = await post(`/admin/members/${c.memberId}/reveal`, { field: 'bankAccount', reason: '지급 확인' }).expect(200);
      expect(account.body.value).toBe('110234567804');
      const log = await h.http().get(`${API}/admin/audit-log`).query({ targetId: c.memberId, action: 'member.reveal' }).set(bearer(admin)).expect(200);
      expect(log.body.items.map((e: { reason: string; details: object }) => [e.reason, e.details])).toEqual([
        ['지급 확인', { field: 'bankAccount' }],
        ['4대보험 신고 확인', { field: 'rrn' }],
      ]);
    });

    it('needs a reason and a known field, and the admin role', async () => {
      const c = await h.activeCourier();
      await post(`/admin/members/${c.memberId}/reveal`, { field: 'rrn' }).expect(400);
      await post(`/admin/members/${c.memberId}/reveal`, { field: 'password', reason: 'x' }).expect(400);
      const accountant = await h.staff(['accountant']);
      await h.http().post(`${API}/admin/members/${c.memberId}/reveal`).set(bearer(accountant)).send({ field: 'rrn', reason: 'x' }).expect(403);
      const log = await h.http().get(`${API}/admin/audit-log`).query({ targetId: c.memberId, action: 'member.reveal' }).set(bearer(admin));
      expect(log.body.total).toBe(0);
    });
  });

  describe('audit log', () => {
    it('records each staff action with actor, target, request id and reason', async () => {
      const { memberId } = await h.apply();
      const res = await post(`/admin/members/${memberId}/approve`).set('x-request-id', 'req-approve-1').expect(200);
      await post(`/admin/members/${memberId}/suspend`, { reason: '점검' }).expect(200);
      const log = await h.http().get(`${API}/admin/audit-log`).query({ targetId: memberId }).set(bearer(admin)).expect(200);
      expect(log.body.items).toEqual([
        expect.objectContaining({ action: 'member.suspend', reason: '점검', actorType: 'staff', targetType: 'member' }),
        expect.objectContaining({
          action: 'member.approve',
          requestId: 'req-approve-1',
          details: expect.objectContaining({ from: 'applicant', to: 'active', memberNo: res.body.memberNo }),
        }),
      ]);
      const adminId = (await h.login('admin', 'admin-test-password-1')).user.id;
      expect(log.body.items[0].actorId).toBe(adminId);
    });

    it('a refused action leaves no audit entry', async () => {
      const { memberId } = await h.apply();
      const before = await count('audit_log');
      await post(`/admin/members/${memberId}/suspend`, { reason: 'x' }).expect(409);
      expect(await count('audit_log')).toBe(before);
    });
  });

  describe('staff accounts', () => {
    it('an admin creates staff who can then sign in with their roles', async () => {
      const res = await post('/admin/staff', { login: 'Dispatcher9', password: 'staff-password-9', name: '배차 9', roles: ['dispatcher'] }).expect(201);
      expect(res.body).toMatchObject({ login: 'Dispatcher9', roles: ['dispatcher'], active: true });
      expect(res.body).not.toHaveProperty('passwordHash');
      const session = await h.login('dispatcher9', 'staff-password-9');
      expect(session.user).toMatchObject({ id: res.body.id });
      const dup = await post('/admin/staff', { login: 'DISPATCHER9', password: 'staff-password-9', name: 'x', roles: ['accountant'] }).expect(409);
      expect(dup.body.code).toBe('MEMBERSHIP.DUPLICATE_STAFF_LOGIN');
      const list = await h.http().get(`${API}/admin/staff`).set(bearer(admin)).expect(200);
      expect(list.body.items.map((s: { login: string }) => s.login)).toContain('Dispatcher9');
    });

    it.each([
      [{ login: 'x1', password: 'staff-password-1', name: 'n', roles: ['dispatcher'] }, 'login'],
      [{ login: 'valid1', password: 'short', name: 'n', roles: ['dispatcher'] }, 'password'],
      [{ login: 'valid2', password: 'staff-password-1', name: 'n', roles: [] }, 'roles'],
      [{ login: 'valid3', password: 'staff-password-1', name: 'n', roles: ['courier'] }, 'roles'],
      [{ login: 'valid4', password: 'staff-password-1', name: 'n', roles: 'admin' }, 'roles'],
    ])('%j → 400 naming %s', async (body, field) => {
      const res = await post('/admin/staff', body).expect(400);
      expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
    });

    it('an admin changes roles, resets a password and deactivates; their sessions end with it', async () => {
      const created = await post('/admin/staff', { login: 'changer1', password: 'staff-password-1', name: '변경 1', roles: ['dispatcher'] }).expect(201);
      const id = created.body.id;
      const patch = (body: object, token = admin) => h.http().patch(`${API}/admin/staff/${id}`).set(bearer(token)).send(body);
      const first = await h.login('changer1', 'staff-password-1');

      const promoted = await patch({ roles: ['dispatcher', 'accountant'], name: ' 변경 일 ' }).expect(200);
      expect(promoted.body).toMatchObject({ name: '변경 일', roles: ['dispatcher', 'accountant'], active: true });
      // The old session cannot be refreshed; a new sign-in carries the new roles.
      await h.http().post(`${API}/auth/refresh`).send({ refreshToken: first.refreshToken }).expect(401);
      expect((await h.login('changer1', 'staff-password-1')).user.roles).toEqual(['dispatcher', 'accountant']);

      await patch({ password: 'a-new-password-2' }).expect(200);
      await h.http().post(`${API}/auth/login`).send({ login: 'changer1', password: 'staff-password-1' }).expect(401);
      const afterReset = await h.login('changer1', 'a-new-password-2');

      await patch({ active: false }).expect(200);
      await h.http().post(`${API}/auth/refresh`).send({ refreshToken: afterReset.refreshToken }).expect(401);
      await h.http().post(`${API}/auth/login`).send({ login: 'changer1', password: 'a-new-password-2' }).expect(403);

      const audit = await db.query(`SELECT details FROM audit_log WHERE action = 'staff.update' AND target_id = $1 ORDER BY id`, [id]);
      expect(audit.map((a: { details: object }) => a.details)).toEqual([
        { name: '변경 일', rolesFrom: ['dispatcher'], roles: ['dispatcher', 'accountant'], sessionsEnded: true },
        { passwordReset: true, sessionsEnded: true },
        { active: false, sessionsEnded: true },
      ]);
      expect(JSON.stringify(audit)).not.toContain('a-new-password-2');

      // Refused requests name their field and change nothing: no audit entry, no session ended.
      const staffChanges = async () => Number((await db.query(`SELECT count(*) AS n FROM audit_log WHERE action = 'staff.update'`))[0].n);
      const auditBefore = await staffChanges();
      const live = await h.login('dispatcher9', 'staff-password-9');
      const dispatcher9 = (await db.query(`SELECT id FROM staff_account WHERE login = 'Dispatcher9'`))[0].id as string;
      const patch9 = (body: object, token = admin) => h.http().patch(`${API}/admin/staff/${dispatcher9}`).set(bearer(token)).send(body);
      for (const [body, field, code] of [
        [{}, 'body', 'MEMBERSHIP.NOTHING_TO_CHANGE'],
        [{ roles: ['courier'] }, 'roles', 'REQUEST.VALIDATION_FAILED'],
        [{ roles: [] }, 'roles', 'REQUEST.VALIDATION_FAILED'],
        [{ active: 'no' }, 'active', 'REQUEST.VALIDATION_FAILED'],
        [{ password: 'short' }, 'password', 'REQUEST.VALIDATION_FAILED'],
        [{ name: '   ' }, 'name', 'REQUEST.VALIDATION_FAILED'],
        [{ login: 'renamed' }, 'login', 'REQUEST.UNKNOWN_FIELD'],
      ] as const) {
        const res = await patch9(body).expect(400);
        expect(res.body.code).toBe(code);
        expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
      }
      await h.http().patch(`${API}/admin/staff/00000000-0000-4000-8000-000000000000`).set(bearer(admin)).send({ active: false }).expect(404);
      await h.http().patch(`${API}/admin/staff/not-a-uuid`).set(bearer(admin)).send({ active: false }).expect(400);
      const dispatcher = await h.staff(['dispatcher']);
      await patch9({ roles: ['admin'] }, dispatcher).expect(403);
      expect(await staffChanges()).toBe(auditBefore);
      expect((await db.query(`SELECT roles FROM staff_account WHERE id = $1`, [dispatcher9]))[0].roles).toEqual(['dispatcher']);
      await h.http().post(`${API}/auth/refresh`).send({ refreshToken: live.refreshToken }).expect(200);

      // The same change sent twice (a retry) changes roles once and ends the sessions once.
      const again = await h.login('dispatcher9', 'staff-password-9');
      await patch9({ roles: ['dispatcher', 'accountant'] }).expect(200);
      const afterFirst = await h.login('dispatcher9', 'staff-password-9');
      const retried = await patch9({ roles: ['accountant', 'dispatcher'] }).expect(200);
      expect(retried.body.roles.sort()).toEqual(['accountant', 'dispatcher']);
      await h.http().post(`${API}/auth/refresh`).send({ refreshToken: again.refreshToken }).expect(401);
      await h.http().post(`${API}/auth/refresh`).send({ refreshToken: afterFirst.refreshToken }).expect(200);
      const changes = await db.query(`SELECT details FROM audit_log WHERE action = 'staff.update' AND target_id = $1 ORDER BY id`, [dispatcher9]);
      expect(changes.map((a: { details: { sessionsEnded: boolean } }) => a.details.sessionsEnded)).toEqual([true, false]);
    });

    it('only an admin creates staff', async () => {
      const dispatcher = await h.staff(['dispatcher']);
      await h
        .http()
        .post(`${API}/admin/staff`)
        .set(bearer(dispatcher))
        .send({ login: 'sneaky1', password: 'staff-password-1', name: 'n', roles: ['admin'] })
        .expect(403);
      await h.http().post(`${API}/auth/login`).send({ login: 'sneaky1', password: 'staff-password-1' }).expect(401);
    });
  });

  it('the courier password is checked by argon2id, not stored in the clear', async () => {
    const c = await h.activeCourier();
    const rows = await db.query(`SELECT password_hash FROM member WHERE id = $1`, [c.memberId]);
    expect(rows[0].password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,p=1,t=2\$/);
    expect(rows[0].password_hash).not.toContain(COURIER_PASSWORD);
  });
});
