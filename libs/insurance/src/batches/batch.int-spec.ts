import type { TestingModule } from '@nestjs/testing';
import { createHash } from 'node:crypto';
import { readFile, readdir } from 'node:fs/promises';
import * as path from 'node:path';
import { DataSource } from 'typeorm';
import { ActionContext, FixedClock } from '@dure/common';
import { TransactionRunner } from '@dure/database';
import { MEMBERSHIP_ENTITIES, MemberApplicationService, MemberLifecycleService, MembershipModule, PartyService } from '@dure/membership';
import { DISPATCH_ENTITIES, DispatchModule } from '@dure/dispatch';
import { BillingModule } from '@dure/billing';
import { JobName, MemberEventName } from '@dure/queue';
import { TestEnv, applicationBody, createDomainTestModule, createTestEnv } from '@dure/testing';
import { InsuranceModule } from '../insurance.module';
import { EnrollmentService } from '../enrollments/enrollment.service';
import { BatchFileStore, FileDraft } from './batch-file-store';
import { BatchService } from './batch.service';

const STAFF: ActionContext = { actor: { type: 'staff', id: '00000000-0000-4000-8000-00000000aaaa', roles: ['admin'] } };

/**
 * Building batches: a build that dies half-way and is retried writes one batch with the
 * same records (nothing sent twice, nothing lost), and two builds at once make one file.
 */
describe('batch builds', () => {
  const clock = new FixedClock(new Date('2031-05-02T09:00:00+09:00'));
  let env: TestEnv;
  let mod: TestingModule;
  let db: DataSource;
  let batches: BatchService;
  let insurerId: string;

  async function enrolMembers(n: number): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      const { memberId } = await mod.get(MemberApplicationService).apply(applicationBody() as never);
      await mod.get(MemberLifecycleService).approve(memberId, STAFF);
      await memberEvent(memberId, JobName.MemberActivated, '2031-05-02');
      ids.push(memberId);
    }
    return ids;
  }

  /** What the worker's event consumer does with a member event. */
  const memberEvent = (memberId: string, name: MemberEventName, effectiveOn: string) =>
    mod.get(TransactionRunner).run((tx) => mod.get(EnrollmentService).onMemberEvent(tx, name, { memberId, memberNo: 'x', effectiveOn }));

  /** A delta built now; the records of one member in it (action and record id). */
  async function delta(memberId: string): Promise<{ batchId: string; records: { action: string; recordId: string }[] }> {
    const { batchId } = await batches.request({ insurerId, kind: 'delta', format: 'csv' }, STAFF);
    await batches.build(batchId);
    const records = await db.query(
      `SELECT r.action, r.record_id AS "recordId" FROM insurance_batch_record r JOIN insurance_enrollment e ON e.id = r.enrollment_id
        WHERE r.batch_id = $1 AND e.member_id = $2 ORDER BY r.seq`,
      [batchId, memberId],
    );
    return { batchId, records };
  }

  const groupOf = async (memberId: string) =>
    (
      await db.query(
        `SELECT status, pending_action AS "pendingAction", certificate_no AS "certificateNo", to_char(coverage_start, 'YYYY-MM-DD') AS start
           FROM insurance_enrollment WHERE member_id = $1 AND plan = 'group_accident'`,
        [memberId],
      )
    )[0];


  const recordsOf = (batchId: string): Promise<{ record_id: string; enrollment_id: string }[]> =>
    db.query(`SELECT record_id, enrollment_id FROM insurance_batch_record WHERE batch_id = $1 ORDER BY seq`, [batchId]);

  beforeAll(async () => {
    env = await createTestEnv('ins-batch');
    mod = await createDomainTestModule(env, {
      imports: [MembershipModule, DispatchModule, BillingModule, InsuranceModule],
      entities: [...MEMBERSHIP_ENTITIES, ...DISPATCH_ENTITIES],
      clock,
    });
    db = mod.get(DataSource);
    batches = mod.get(BatchService);
    insurerId = (await mod.get(PartyService).createInsurer({ name: '단체보험사', plans: ['group_accident'] }, STAFF)).id;
    await enrolMembers(5);
  }, 60_000);

  afterAll(async () => {
    await mod.close();
    await env.cleanup();
  });

  it('a build that crashes while writing, retried, is one batch with the same records and a published file', async () => {
    const { batchId } = await batches.request({ insurerId, kind: 'delta', format: 'x12-834' }, STAFF);
    const store = mod.get(BatchFileStore);
    const realDraft = store.draft.bind(store);
    // The process dies after the header is written: the first data write throws.
    const spy = jest.spyOn(store, 'draft').mockImplementationOnce(async (key: string): Promise<FileDraft> => {
      const draft = await realDraft(key);
      let writes = 0;
      return { ...draft, write: (text: string) => (++writes > 1 ? Promise.reject(new Error('killed')) : draft.write(text)) };
    });
    await expect(batches.build(batchId)).rejects.toThrow('killed');
    spy.mockRestore();
    const afterCrash = await recordsOf(batchId);
    expect(afterCrash).toHaveLength(5);
    expect((await batches.get(batchId)).status).toBe('failed');
    // Every enrolment was marked sent once, by this batch; nothing is pending for another.
    const [{ pending }] = await db.query(`SELECT count(*)::int AS pending FROM insurance_enrollment WHERE pending_action IS NOT NULL`);
    expect(pending).toBe(0);

    const built = await batches.build(batchId);
    expect(built).toMatchObject({ status: 'ready', recordCount: 5 });
    expect(await recordsOf(batchId)).toEqual(afterCrash);
    const text = await readFile(path.join(env.config.dispatch.storageDir, 'insurance-batches', `${insurerId}/${built.controlNo}-delta.x12`));
    expect(createHash('sha256').update(text).digest('hex')).toBe(built.sha256);
    expect(text.toString().match(/^INS\*/gm)).toHaveLength(5);
    // No partial file is left behind.
    expect(await readdir(path.join(env.config.dispatch.storageDir, 'insurance-batches', insurerId))).toEqual([`${built.controlNo}-delta.x12`]);

    // Built again (a retried job after success): the same file, untouched.
    expect(await batches.build(batchId)).toEqual(built);
  });

  it('two builds of one batch at once write one set of records', async () => {
    await enrolMembers(3);
    const { batchId } = await batches.request({ insurerId, kind: 'delta', format: 'csv' }, STAFF);
    const [a, b] = await Promise.all([batches.build(batchId), batches.build(batchId)]);
    expect(a.sha256).toBe(b.sha256);
    expect(await recordsOf(batchId)).toHaveLength(3);
    // The next delta has nothing new; a full one restates all eight.
    const { batchId: empty } = await batches.request({ insurerId, kind: 'delta', format: 'csv' }, STAFF);
    expect((await batches.build(empty)).recordCount).toBe(0);
    const { batchId: full } = await batches.request({ insurerId, kind: 'full', format: 'csv' }, STAFF);
    expect((await batches.build(full)).recordCount).toBe(8);
  });

  it('the daily schedule makes one delta per insurer with changes, once a day', async () => {
    await enrolMembers(2);
    const first = await batches.requestDaily();
    expect(first).toHaveLength(1);
    expect(await batches.requestDaily()).toEqual([]);
    const [{ format, kind }] = await db.query(`SELECT format, kind FROM insurance_batch WHERE id = $1`, [first[0]]);
    // In the format the insurer last received.
    expect({ format, kind }).toEqual({ format: 'csv', kind: 'delta' });
  });

  describe('answers and changes that cross', () => {
    it('a late answer to a termination does not undo the reinstatement waiting behind it', async () => {
      const [m] = await enrolMembers(1);
      const add = await delta(m);
      await batches.acknowledge(insurerId, add.batchId, [{ recordId: add.records[0].recordId, status: 'accepted', certificateNo: 'G-1' }], {
        actor: { type: 'insurer', id: insurerId, apiKeyId: 'k' },
      });
      await memberEvent(m, JobName.MemberSuspended, '2031-05-10');
      const termination = await delta(m);
      expect(termination.records.map((r) => r.action)).toEqual(['024']);
      await memberEvent(m, JobName.MemberReinstated, '2031-05-20');
      expect(await groupOf(m)).toMatchObject({ status: 'pending', pendingAction: 'reinstate' });
      await batches.acknowledge(insurerId, termination.batchId, [{ recordId: termination.records[0].recordId, status: 'rejected', code: 'E9', message: 'late' }], {
        actor: { type: 'insurer', id: insurerId, apiKeyId: 'k' },
      });
      expect(await groupOf(m)).toMatchObject({ status: 'pending', pendingAction: 'reinstate', certificateNo: 'G-1' });
      expect((await delta(m)).records.map((r) => r.action)).toEqual(['025']);
    });

    it('an audit file does not hide the answer to the addition before it', async () => {
      const [m] = await enrolMembers(1);
      const add = await delta(m);
      const { batchId: full } = await batches.request({ insurerId, kind: 'full', format: 'csv' }, STAFF);
      await batches.build(full);
      await batches.acknowledge(insurerId, add.batchId, [{ recordId: add.records[0].recordId, status: 'accepted', certificateNo: 'G-2' }], {
        actor: { type: 'insurer', id: insurerId, apiKeyId: 'k' },
      });
      expect(await groupOf(m)).toMatchObject({ status: 'enrolled', certificateNo: 'G-2' });
    });

    it('a member the insurer never had comes back as an addition, not a reinstatement', async () => {
      const [m] = await enrolMembers(1);
      await memberEvent(m, JobName.MemberSuspended, '2031-05-02');
      expect(await groupOf(m)).toMatchObject({ status: 'terminated', pendingAction: null });
      await memberEvent(m, JobName.MemberReinstated, '2031-05-03');
      expect((await delta(m)).records.map((r) => r.action)).toEqual(['021']);
    });

    it('a gap in cover goes out as a termination, then a reinstatement', async () => {
      const [m] = await enrolMembers(1);
      const add = await delta(m);
      await batches.acknowledge(insurerId, add.batchId, [{ recordId: add.records[0].recordId, status: 'accepted', certificateNo: 'G-3' }], {
        actor: { type: 'insurer', id: insurerId, apiKeyId: 'k' },
      });
      await memberEvent(m, JobName.MemberSuspended, '2031-06-01');
      await memberEvent(m, JobName.MemberReinstated, '2031-06-20');
      expect((await delta(m)).records.map((r) => r.action)).toEqual(['024']);
      expect(await groupOf(m)).toMatchObject({ status: 'pending', pendingAction: 'reinstate', start: '2031-06-20' });
      expect((await delta(m)).records.map((r) => r.action)).toEqual(['025']);
    });

    it('suspended and back the next day before any batch: nothing to report', async () => {
      const [m] = await enrolMembers(1);
      const add = await delta(m);
      await batches.acknowledge(insurerId, add.batchId, [{ recordId: add.records[0].recordId, status: 'accepted', certificateNo: 'G-4' }], {
        actor: { type: 'insurer', id: insurerId, apiKeyId: 'k' },
      });
      await memberEvent(m, JobName.MemberSuspended, '2031-06-01');
      await memberEvent(m, JobName.MemberReinstated, '2031-06-01');
      expect(await groupOf(m)).toMatchObject({ status: 'enrolled', pendingAction: null });
      expect((await delta(m)).records).toEqual([]);
    });

    it('an accepted addition needs its certificate number', async () => {
      const [m] = await enrolMembers(1);
      const add = await delta(m);
      await expect(
        batches.acknowledge(insurerId, add.batchId, [{ recordId: add.records[0].recordId, status: 'accepted' }], { actor: { type: 'insurer', id: insurerId, apiKeyId: 'k' } }),
      ).rejects.toMatchObject({ code: 'INSURANCE.INVALID_ACKNOWLEDGEMENT', details: [{ field: 'results.0.certificateNo', reason: expect.any(String) }] });
    });

    it('a failed batch is built again from its records, and only a failed one', async () => {
      const [m] = await enrolMembers(1);
      const { batchId } = await batches.request({ insurerId, kind: 'delta', format: 'csv' }, STAFF);
      const store = mod.get(BatchFileStore);
      jest.spyOn(store, 'draft').mockRejectedValueOnce(new Error('disk full'));
      await expect(batches.build(batchId)).rejects.toThrow('disk full');
      await expect(batches.rebuild(batchId, STAFF)).resolves.toEqual({ batchId, status: 'failed' });
      const built = await batches.build(batchId);
      expect(built.status).toBe('ready');
      const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM insurance_batch_record r JOIN insurance_enrollment e ON e.id = r.enrollment_id WHERE r.batch_id = $1 AND e.member_id = $2`, [batchId, m]);
      expect(n).toBe(1);
      await expect(batches.rebuild(batchId, STAFF)).rejects.toMatchObject({ code: 'INSURANCE.BATCH_NOT_FAILED' });
    });
  });
});
