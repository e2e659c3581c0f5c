import type { INestApplicationContext } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { X12Interchange, X12Parser } from 'node-x12';
import { DataSource } from 'typeorm';
import { UTF8_BOM } from '@dure/common';
import { waitFor } from '@dure/testing';
import { API, ApiHarness, bearer } from '../support/api-harness';
import { orderBody, startWorker } from '../support/dispatch-helpers';

interface Insurer {
  id: string;
  apiKey: string;
}

/** A response body as text, whatever its content type. */
const asText = (res: { text?: string; body: unknown }): string => (typeof res.text === 'string' && res.text.length ? res.text : Buffer.from(res.body as Buffer).toString('utf8'));

/**
 * Insurance end to end over the real api and worker (outbox relay, BullMQ): member events
 * drive enrolments, batches are built by the worker, insurers fetch and acknowledge them.
 */
describe('insurance', () => {
  let h: ApiHarness;
  let worker: INestApplicationContext;
  let db: DataSource;
  let admin: string;
  let accountant: string;
  let groupInsurer: Insurer;
  let agency: Insurer;

  beforeAll(async () => {
    h = await ApiHarness.start({ label: 'insurance' });
    worker = await startWorker(h.env);
    db = h.app.get(DataSource);
    admin = await h.admin();
    accountant = await h.staff(['accountant']);
    const insurer = async (name: string, plans: string[]) =>
      (await h.http().post(`${API}/admin/insurers`).set(bearer(admin)).send({ name, plans }).expect(201)).body as Insurer;
    groupInsurer = await insurer('한마음손해보험', ['group_accident']);
    agency = await insurer('근로복지공단', ['employment', 'industrial_accident']);
  });
  afterAll(async () => {
    await worker.close();
    await h.close();
  });

  const enrollmentsOf = async (memberId: string) =>
    (await h.http().get(`${API}/admin/insurance/enrollments`).query({ memberId }).set(bearer(accountant)).expect(200)).body.items;
  const groupEnrollment = async (memberId: string) => (await enrollmentsOf(memberId)).find((e: { plan: string }) => e.plan === 'group_accident');
  const waitForGroup = (memberId: string, test: (e: Record<string, unknown>) => boolean) =>
    waitFor(async () => {
      const e = await groupEnrollment(memberId);
      return e && test(e) ? e : undefined;
    });

  /** Requests a batch and waits for the worker to build it. */
  async function buildBatch(insurer: Insurer, kind: 'delta' | 'full', format: 'csv' | 'x12-834') {
    const { batchId } = (await h.http().post(`${API}/admin/insurance/batches`).set(bearer(accountant)).send({ insurerId: insurer.id, kind, format }).expect(202)).body;
    return waitFor(async () => {
      const b = (await h.http().get(`${API}/admin/insurance/batches/${batchId}`).set(bearer(accountant)).expect(200)).body;
      if (b.status === 'failed') throw new Error(`batch failed: ${b.error}`);
      return b.status === 'ready' ? b : undefined;
    });
  }

  const fetchFile = (insurer: Insurer, batchId: string) =>
    h.http().get(`${API}/insurer/batches/${batchId}/file`).set('x-api-key', insurer.apiKey).buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    });

  /** The CSV's data rows as objects keyed by its header. */
  function csvRecords(text: string): Record<string, string>[] {
    const [, header, ...rows] = text.replace(UTF8_BOM, '').trimEnd().split('\r\n');
    const keys = header.split(',');
    return rows.map((r) => Object.fromEntries(r.split(',').map((v, i) => [keys[i], v])));
  }

  const ack = (insurer: Insurer, batchId: string, results: object[]) =>
    h.http().post(`${API}/insurer/batches/${batchId}/acknowledgement`).set('x-api-key', insurer.apiKey).send({ results });

  it('enrols a member in the group plan on activation; the courier sees it pending', async () => {
    const c = await h.activeCourier();
    const e = await waitForGroup(c.memberId, (x) => x.status === 'pending');
    expect(e).toMatchObject({ plan: 'group_accident', status: 'pending', pendingAction: 'add', coverageStart: expect.any(String), certificateNo: null });
    const me = await h.http().get(`${API}/courier/me`).set(bearer(c.token)).expect(200);
    expect(me.body.insurance).toEqual([{ plan: 'group_accident', status: 'pending', certificateNo: null }]);
  });

  describe('a batch, its file and its acknowledgement', () => {
    let batch: { id: string; controlNo: number; sha256: string; recordCount: number };
    let file: Buffer;
    let records: Record<string, string>[];
    let courier: { memberId: string; memberNo: string; token: string };

    beforeAll(async () => {
      courier = await h.activeCourier();
      await waitForGroup(courier.memberId, (x) => x.status === 'pending');
      batch = await buildBatch(groupInsurer, 'delta', 'csv');
      file = (await fetchFile(groupInsurer, batch.id).expect(200)).body as Buffer;
      records = csvRecords(file.toString('utf8'));
    });

    it('writes a CSV with a BOM, a control line and a record_id header, and marks the rows submitted', async () => {
      const text = file.toString('utf8');
      expect(text.startsWith(UTF8_BOM)).toBe(true);
      const [control, header] = text.slice(1).split('\r\n');
      expect(control.split(',').slice(0, 5)).toEqual(['#DURE-INSURANCE', String(batch.controlNo), 'DELTA', expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), String(batch.recordCount)]);
      expect(header.split(',')[0]).toBe('record_id');
      expect(records).toHaveLength(batch.recordCount);
      const mine = records.find((r) => r.member_no === courier.memberNo);
      expect(mine).toMatchObject({ action: '021', plan: 'group_accident', status: 'submitted' });
      expect((await groupEnrollment(courier.memberId)).status).toBe('submitted');
    });

    it('serves the file with its SHA-256 as ETag, 304 when unchanged, and audits every download', async () => {
      const res = await fetchFile(groupInsurer, batch.id).expect(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      const sha = createHash('sha256').update(res.body as Buffer).digest('hex');
      expect(res.headers.etag).toBe(`"${sha}"`);
      expect(batch.sha256).toBe(sha);
      await h.http().get(`${API}/insurer/batches/${batch.id}/file`).set('x-api-key', groupInsurer.apiKey).set('if-none-match', `"${sha}"`).expect(304);
      const audit = await db.query(`SELECT actor_type, actor_id FROM audit_log WHERE action = 'insurance.batch.download' AND target_id = $1`, [batch.id]);
      expect(audit.length).toBeGreaterThanOrEqual(3);
      expect(audit.every((a: { actor_type: string; actor_id: string }) => a.actor_type === 'insurer' && a.actor_id === groupInsurer.id)).toBe(true);
    });

    it('lists only the insurer’s own batches; another insurer gets 404 for it', async () => {
      const own = await h.http().get(`${API}/insurer/batches`).query({ status: 'ready' }).set('x-api-key', groupInsurer.apiKey).expect(200);
      expect(own.body.items.map((b: { id: string }) => b.id)).toContain(batch.id);
      const other = await h.http().get(`${API}/insurer/batches`).set('x-api-key', agency.apiKey).expect(200);
      expect(other.body.items.map((b: { id: string }) => b.id)).not.toContain(batch.id);
      for (const res of [
        await h.http().get(`${API}/insurer/batches/${batch.id}`).set('x-api-key', agency.apiKey),
        await h.http().get(`${API}/insurer/batches/${batch.id}/file`).set('x-api-key', agency.apiKey),
        await ack(agency, batch.id, [{ recordId: records[0].record_id, status: 'accepted', certificateNo: 'X' }]),
      ]) {
        expect(res.status).toBe(404);
        expect(res.body.code).toBe('INSURANCE.BATCH_NOT_FOUND');
      }
      await h.http().get(`${API}/insurer/batches`).expect(401);
      await h.http().get(`${API}/insurer/batches`).set(bearer(admin)).expect(401);
    });

    it('names an unknown record with a 404 and applies nothing', async () => {
      const mine = records.find((r) => r.member_no === courier.memberNo) as Record<string, string>;
      const res = await ack(groupInsurer, batch.id, [
        { recordId: mine.record_id, status: 'accepted', certificateNo: 'GA-1' },
        { recordId: 'no-such-record', status: 'accepted', certificateNo: 'GA-2' },
      ]).expect(404);
      expect(res.body.code).toBe('INSURANCE.RECORD_NOT_FOUND');
      expect(res.body.details).toEqual([{ field: 'results.1.recordId', reason: 'no record no-such-record in this batch' }]);
      expect((await groupEnrollment(courier.memberId)).status).toBe('submitted');
    });

    it.each([
      [[{ recordId: 'r', status: 'rejected', code: 'E01' }], 'results.0.message'],
      [[{ recordId: 'r', status: 'maybe' }], 'results.0.status'],
      [[], 'results'],
    ])('refuses a malformed acknowledgement %j (400 naming %s)', async (results, field) => {
      const res = await ack(groupInsurer, batch.id, results).expect(400);
      expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
    });

    it('rejects a row: the enrolment is rejected with the insurer’s reason, shown to staff, and blocks work', async () => {
      const mine = records.find((r) => r.member_no === courier.memberNo) as Record<string, string>;
      const res = await ack(groupInsurer, batch.id, [{ recordId: mine.record_id, status: 'rejected', code: 'E17', message: '생년월일 불일치' }]).expect(200);
      expect(res.body).toEqual({ applied: 1, unchanged: 0, accepted: 0, rejected: 1 });
      const rejected = await h.http().get(`${API}/admin/insurance/enrollments`).query({ status: 'rejected', plan: 'group_accident' }).set(bearer(accountant)).expect(200);
      expect(rejected.body.items).toEqual([expect.objectContaining({ memberId: courier.memberId, rejectCode: 'E17', rejectMessage: '생년월일 불일치' })]);
      // The overview counts agree with the database, plan by plan and status by status.
      const summary = await h.http().get(`${API}/admin/insurance/enrollments/summary`).set(bearer(accountant)).expect(200);
      expect(summary.body.map((l: { plan: string }) => l.plan)).toEqual(['group_accident', 'employment', 'industrial_accident']);
      const group = summary.body[0];
      expect(Object.keys(group.byStatus)).toEqual(['pending', 'submitted', 'enrolled', 'rejected', 'terminating', 'terminated']);
      expect(group.byStatus.rejected).toBe(1);
      const counted = await h.app.get(DataSource).query(`SELECT status, count(*)::int AS n FROM insurance_enrollment WHERE plan = 'group_accident' GROUP BY status`);
      for (const { status, n } of counted) expect(group.byStatus[status]).toBe(n);
      expect(group.total).toBe(counted.reduce((a: number, c: { n: number }) => a + c.n, 0));
      // Staff may read it (dispatchers too: cover decides who may work); a courier may not.
      await h.http().get(`${API}/admin/insurance/enrollments/summary`).set(bearer(await h.staff(['dispatcher']))).expect(200);
      await h.http().get(`${API}/admin/insurance/enrollments/summary`).set(bearer(courier.token)).expect(403);
      const me = await h.http().get(`${API}/courier/me`).set(bearer(courier.token)).expect(200);
      expect(me.body.insurance).toEqual([{ plan: 'group_accident', status: 'rejected', certificateNo: null }]);
      // Work needs accident cover: a dispatcher cannot assign them.
      const order = (await h.http().post(`${API}/admin/orders`).set(bearer(admin)).send(orderBody({ dispatchMode: 'manual' })).expect(201)).body;
      const refused = await h.http().post(`${API}/admin/orders/${order.id}/assign`).set(bearer(admin)).send({ memberId: courier.memberId }).expect(409);
      expect(refused.body.code).toBe('DISPATCH.COURIER_NOT_COVERED');

      // The same answer again is harmless; a different one is a conflict.
      const again = await ack(groupInsurer, batch.id, [{ recordId: mine.record_id, status: 'rejected', code: 'E17', message: '생년월일 불일치' }]).expect(200);
      expect(again.body).toEqual({ applied: 0, unchanged: 1, accepted: 0, rejected: 0 });
      const flip = await ack(groupInsurer, batch.id, [{ recordId: mine.record_id, status: 'accepted', certificateNo: 'GA-9' }]).expect(409);
      expect(flip.body.code).toBe('INSURANCE.ALREADY_ACKNOWLEDGED');
    });

    it('sends the fixed row in the next delta; accepted, it is enrolled with its certificate', async () => {
      const { id } = await groupEnrollment(courier.memberId);
      await h.http().post(`${API}/admin/insurance/enrollments/${id}/resubmit`).set(bearer(accountant)).send({ reason: '생년월일 정정' }).expect(200);
      const next = await buildBatch(groupInsurer, 'delta', 'csv');
      expect(next.controlNo).toBeGreaterThan(batch.controlNo);
      const rows = csvRecords(((await fetchFile(groupInsurer, next.id).expect(200)).body as Buffer).toString('utf8'));
      const mine = rows.find((r) => r.member_no === courier.memberNo) as Record<string, string>;
      expect(mine).toMatchObject({ action: '021', status: 'submitted' });
      expect(mine.record_id).not.toBe(records.find((r) => r.member_no === courier.memberNo)?.record_id);

      const res = await ack(groupInsurer, next.id, rows.map((r) => ({ recordId: r.record_id, status: 'accepted', certificateNo: `GA-${r.member_no}` }))).expect(200);
      expect(res.body).toMatchObject({ applied: rows.length, accepted: rows.length });
      expect(await groupEnrollment(courier.memberId)).toMatchObject({ status: 'enrolled', certificateNo: `GA-${courier.memberNo}`, rejectCode: null });
      const me = await h.http().get(`${API}/courier/me`).set(bearer(courier.token)).expect(200);
      expect(me.body.insurance).toEqual([{ plan: 'group_accident', status: 'enrolled', certificateNo: `GA-${courier.memberNo}` }]);
      const listed = (await h.http().get(`${API}/admin/insurance/batches`).query({ insurerId: groupInsurer.id }).set(bearer(accountant)).expect(200)).body.items;
      expect(listed.find((b: { id: string }) => b.id === next.id)).toMatchObject({ accepted: rows.length, rejected: 0, unanswered: 0, insurerName: '한마음손해보험' });
    });

    it('terminates on suspension (024) and reinstates on reinstatement (025)', async () => {
      await h.http().post(`${API}/admin/members/${courier.memberId}/suspend`).set(bearer(admin)).send({ reason: '서류 미비' }).expect(200);
      await waitForGroup(courier.memberId, (x) => x.status === 'terminating');
      const termination = await buildBatch(groupInsurer, 'delta', 'x12-834');
      const text = asText(await fetchFile(groupInsurer, termination.id).expect(200));
      const interchange = new X12Parser(true).parse(text) as X12Interchange;
      const segments = interchange.functionalGroups[0].transactions[0].segments;
      const ins = segments.filter((s) => s.tag === 'INS');
      expect(ins.map((s) => s.valueOf(3))).toEqual(['024']);
      const recordId = segments.find((s) => s.tag === 'REF' && s.valueOf(1) === 'ZZ')?.valueOf(2) as string;
      await ack(groupInsurer, termination.id, [{ recordId, status: 'accepted' }]).expect(200);
      expect(await groupEnrollment(courier.memberId)).toMatchObject({ status: 'terminated', coverageEnd: expect.any(String) });

      await h.http().post(`${API}/admin/members/${courier.memberId}/reinstate`).set(bearer(admin)).send({}).expect(200);
      await waitForGroup(courier.memberId, (x) => x.status === 'pending' && x.pendingAction === 'reinstate');
      const reinstatement = await buildBatch(groupInsurer, 'delta', 'csv');
      const rows = csvRecords(((await fetchFile(groupInsurer, reinstatement.id).expect(200)).body as Buffer).toString('utf8'));
      expect(rows.filter((r) => r.member_no === courier.memberNo).map((r) => r.action)).toEqual(['025']);
    });

    it('writes a full (audit) 834 that an independent parser accepts, with every count and control number right', async () => {
      const full = await buildBatch(groupInsurer, 'full', 'x12-834');
      const res = await fetchFile(groupInsurer, full.id).expect(200);
      expect(res.headers['content-type']).toBe('application/edi-x12');
      const text = asText(res);
      const interchange = new X12Parser(true).parse(text) as X12Interchange;
      // ISA13 = IEA02, nine digits (the parser reads them as numbers, so check the text too).
      const control = String(full.controlNo).padStart(9, '0');
      expect(text.slice(0, text.indexOf('~')).split('*')[13]).toBe(control);
      expect(text.trimEnd().endsWith(`IEA*1*${control}~`)).toBe(true);
      expect(interchange.trailer.valueOf(2)).toBe(interchange.header.valueOf(13));
      expect(interchange.trailer.valueOf(1)).toBe('1');
      const group = interchange.functionalGroups[0];
      expect(group.trailer.valueOf(2)).toBe(group.header.valueOf(6));
      const tx = group.transactions[0];
      expect(tx.trailer.valueOf(1)).toBe(String(tx.segments.length + 2));
      const ins = tx.segments.filter((s) => s.tag === 'INS');
      expect(ins).toHaveLength(full.recordCount);
      expect(ins.every((s) => s.valueOf(3) === '030')).toBe(true);
      expect(tx.segments.find((s) => s.tag === 'BGN')?.valueOf(8)).toBe('4');
    });
  });

  it('a staff download is audited too, and only admins and accountants see batches', async () => {
    const dispatcher = await h.staff(['dispatcher']);
    await h.http().get(`${API}/admin/insurance/batches`).set(bearer(dispatcher)).expect(403);
    await h.http().post(`${API}/admin/insurance/batches`).set(bearer(dispatcher)).send({ insurerId: agency.id, kind: 'full', format: 'csv' }).expect(403);
    const bad = await h.http().post(`${API}/admin/insurance/batches`).set(bearer(accountant)).send({ insurerId: agency.id, kind: 'partial', format: 'pdf' }).expect(400);
    expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['format', 'kind']);
    const missing = await h.http().post(`${API}/admin/insurance/batches`).set(bearer(accountant)).send({ insurerId: '00000000-0000-4000-8000-000000000000', kind: 'full', format: 'csv' }).expect(404);
    expect(missing.body.code).toBe('INSURANCE.INSURER_NOT_FOUND');
  });

  describe('rates', () => {
    it('lists the seeded rates with their sources', async () => {
      const res = await h.http().get(`${API}/admin/insurance/rates`).query({ plan: 'employment' }).set(bearer(accountant)).expect(200);
      expect(res.body.map((r: { effectiveFrom: string; workerRateBps: number; employerRateBps: number; thresholdWon: number }) => [r.effectiveFrom, r.workerRateBps, r.employerRateBps, r.thresholdWon])).toEqual([
        ['2022-01-01', 70, 70, 800_000],
        ['2022-07-01', 80, 80, 800_000],
      ]);
      expect(res.body[1].source).toContain('0.8%');
    });

    it('adds a future rate, replaces it while unused, and refuses bad ones', async () => {
      const body = { plan: 'industrial_accident', workerRateBps: 50, employerRateBps: 50, expenseRatioBps: 2740, effectiveFrom: '2031-01-01', source: '고시 제2030-1호' };
      const created = await h.http().post(`${API}/admin/insurance/rates`).set(bearer(admin)).send(body).expect(201);
      expect(created.body).toMatchObject({ plan: 'industrial_accident', workerRateBps: 50, thresholdWon: null });
      const replaced = await h.http().post(`${API}/admin/insurance/rates`).set(bearer(admin)).send({ ...body, workerRateBps: 55, employerRateBps: 55 }).expect(200);
      expect(replaced.body).toMatchObject({ id: created.body.id, workerRateBps: 55 });
      await h.http().post(`${API}/admin/insurance/rates`).set(bearer(accountant)).send(body).expect(403);
      const noRatio = await h.http().post(`${API}/admin/insurance/rates`).set(bearer(admin)).send({ ...body, expenseRatioBps: undefined }).expect(400);
      expect(noRatio.body.details).toEqual([expect.objectContaining({ field: 'expenseRatioBps' })]);
      const tooHigh = await h.http().post(`${API}/admin/insurance/rates`).set(bearer(admin)).send({ ...body, workerRateBps: 10_001 }).expect(400);
      expect(tooHigh.body.details.map((d: { field: string }) => d.field)).toContain('workerRateBps');
    });
  });
});
