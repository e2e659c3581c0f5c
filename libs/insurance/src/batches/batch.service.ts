import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Readable } from 'node:stream';
import { AppConfig } from '@dure/config';
import { ActionContext, Clock, Page, PageRequest, SYSTEM_ACTOR, seoulDate, toSeoulIso } from '@dure/common';
import { TransactionRunner } from '@dure/database';
import { JobName, OutboxRepository } from '@dure/queue';
import { AuditLogRepository, PartyService } from '@dure/membership';
import { InsuranceErrors } from '../insurance.errors';
import type { Plan } from '../remuneration';
import { EnrollmentChange, EnrollmentRepository, EnrollmentStatus } from '../enrollments/enrollment.repository';
import { EnrollmentService } from '../enrollments/enrollment.service';
import { Acknowledgement, Batch, BatchFormat, BatchKind, BatchRecord, BatchRepository, BatchStatus, BatchWithCounts } from './batch.repository';
import { BatchFileStore } from './batch-file-store';
import type { BatchWriter } from './formats/batch-format';
import { CsvBatchWriter } from './formats/csv-format';
import { X12EnrollmentWriter } from './formats/x12-834';

/** A batch as the API shows it (where its file lives stays inside). */
export type BatchView = Omit<Batch, 'fileKey' | 'requestedBy' | 'createdAt' | 'readyAt'> & { createdAt: string; readyAt: string | null };

export interface BatchListView extends BatchView {
  insurerName: string;
  accepted: number;
  rejected: number;
  unanswered: number;
}

export interface BatchFile {
  stream: Readable;
  sha256: string;
  byteSize: number;
  contentType: string;
  filename: string;
}

export interface AcknowledgementInput {
  recordId: string;
  status: 'accepted' | 'rejected';
  certificateNo?: string;
  code?: string;
  message?: string;
}

export interface AcknowledgementResult {
  /** Records whose answer was recorded now. */
  applied: number;
  /** Records that already had this very answer. */
  unchanged: number;
  accepted: number;
  rejected: number;
}

const toView = ({ fileKey: _key, requestedBy: _by, createdAt, readyAt, ...rest }: Batch): BatchView => ({
  ...rest,
  createdAt: toSeoulIso(createdAt),
  readyAt: readyAt ? toSeoulIso(readyAt) : null,
});

function writerFor(format: BatchFormat): BatchWriter {
  return format === 'csv' ? new CsvBatchWriter() : new X12EnrollmentWriter();
}

/**
 * Batches of enrolment changes for insurers: requested by staff or by the daily schedule,
 * built by the worker (streamed from a cursor to an immutable file with its SHA-256),
 * fetched and acknowledged by the insurer record by record.
 */
@Injectable()
export class BatchService {
  private readonly log = new Logger(BatchService.name);

  constructor(
    private readonly batches: BatchRepository,
    private readonly enrollments: EnrollmentRepository,
    private readonly enrollmentService: EnrollmentService,
    private readonly files: BatchFileStore,
    private readonly parties: PartyService,
    private readonly outbox: OutboxRepository,
    private readonly audit: AuditLogRepository,
    private readonly tx: TransactionRunner,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  /** Queues a batch for an insurer; the worker builds it. */
  async request(input: { insurerId: string; kind: BatchKind; format: BatchFormat }, ctx: ActionContext): Promise<{ batchId: string; status: BatchStatus }> {
    if (!(await this.parties.insurer(input.insurerId))) throw InsuranceErrors.insurerNotFound(input.insurerId);
    const now = this.clock.now();
    const batch = await this.tx.run(async (tx) => {
      const created = (await this.batches.create(tx, { ...input, asOf: seoulDate(now), requestedBy: ctx.actor.id })) as Batch;
      await this.outbox.publish(tx, JobName.InsuranceBatchBuild, { batchId: created.id });
      await this.audit.record(tx, ctx, now, {
        action: 'insurance.batch.request',
        targetType: 'insurance_batch',
        targetId: created.id,
        details: { insurerId: input.insurerId, kind: input.kind, format: input.format, controlNo: created.controlNo },
      });
      return created;
    });
    return { batchId: batch.id, status: batch.status };
  }

  /**
   * A batch whose build failed for good is built again, from the records it fixed (the
   * changes it took are not lost, and go out in it).
   */
  async rebuild(id: string, ctx: ActionContext): Promise<{ batchId: string; status: BatchStatus }> {
    return this.tx.run(async (tx) => {
      const batch = await this.batches.lock(tx, id);
      if (!batch) throw InsuranceErrors.batchNotFound(id);
      if (batch.status !== 'failed') throw InsuranceErrors.batchNotFailed(batch.status);
      await this.outbox.publish(tx, JobName.InsuranceBatchBuild, { batchId: id });
      await this.audit.record(tx, ctx, this.clock.now(), { action: 'insurance.batch.rebuild', targetType: 'insurance_batch', targetId: id, details: { controlNo: batch.controlNo } });
      return { batchId: id, status: batch.status };
    });
  }

  /**
   * The daily schedule: a delta for each insurer with changes to report, in the format of
   * its last batch (CSV for a first one). Keyed by insurer and date, so a retried
   * schedule makes no second batch.
   */
  async requestDaily(): Promise<string[]> {
    const today = seoulDate(this.clock.now());
    const created: string[] = [];
    for (const insurerId of await this.batches.insurersWithPendingChanges()) {
      const format = (await this.batches.lastFormat(insurerId)) ?? 'csv';
      const batch = await this.tx.run(async (tx) => {
        const b = await this.batches.create(tx, { insurerId, kind: 'delta', format, asOf: today, requestedBy: SYSTEM_ACTOR.id, scheduleKey: `daily:${insurerId}:${today}` });
        if (b) await this.outbox.publish(tx, JobName.InsuranceBatchBuild, { batchId: b.id });
        return b;
      });
      if (batch) created.push(batch.id);
    }
    return created;
  }

  /**
   * Builds a batch (the worker's job). The records are fixed first, in one transaction;
   * the file is then written from them, so a build that dies half-way and runs again
   * writes the same batch, and a ready batch is never written again.
   */
  async build(batchId: string): Promise<BatchView> {
    let batch = await this.batches.find(batchId);
    if (!batch) throw InsuranceErrors.batchNotFound(batchId);
    if (batch.status === 'ready') return toView(batch);
    const insurer = await this.parties.insurer(batch.insurerId);
    if (!insurer) throw InsuranceErrors.insurerNotFound(batch.insurerId);
    try {
      const recordCount = await this.tx.run(async (tx) => {
        const locked = (await this.batches.lock(tx, batchId)) as Batch;
        return this.batches.materialize(tx, locked, insurer.plans as Plan[], this.clock.now());
      });
      batch = (await this.batches.find(batchId)) as Batch;
      const writer = writerFor(batch.format);
      const fileKey = `${batch.insurerId}/${batch.controlNo}-${batch.kind}.${writer.extension}`;
      const draft = await this.files.draft(fileKey);
      try {
        await draft.write(
          writer.start({
            batchId: batch.id,
            controlNo: batch.controlNo,
            kind: batch.kind,
            asOf: batch.asOf,
            createdAt: batch.createdAt,
            recordCount,
            sponsor: { name: this.config.insurance.sponsorName, id: this.config.insurance.sponsorBusinessNo },
            insurer: { name: insurer.name, id: insurer.id },
          }),
        );
        await this.batches.streamRows(batchId, async (rows) => {
          let text = '';
          for (const row of rows) text += writer.row(row);
          await draft.write(text);
        });
        await draft.write(writer.end());
        const file = await draft.publish();
        await this.batches.markReady(batchId, { ...file, fileKey }, this.clock.now());
      } catch (err) {
        await draft.discard();
        throw err;
      }
      // The enrolments it carried are now `submitted`: couriers see it.
      if (batch.kind === 'delta') await this.enrollmentService.invalidateProfiles(await this.batches.memberIdsOf(batchId));
      const built = (await this.batches.find(batchId)) as Batch;
      this.log.log(`batch ${built.controlNo} (${built.kind}, ${built.format}) for insurer ${built.insurerId}: ${built.recordCount} records`);
      return toView(built);
    } catch (err) {
      this.log.error(`batch ${batchId} failed: ${err instanceof Error ? err.message : String(err)}`);
      await this.batches.markFailed(batchId, err instanceof Error ? err.message : String(err));
      throw err;
    }
  }

  async list(filter: { insurerId?: string; status?: BatchStatus }, page: PageRequest): Promise<Page<BatchListView>> {
    const result = await this.batches.list(filter, page);
    return {
      ...result,
      items: result.items.map(({ insurerName, accepted, rejected, unanswered, ...b }: BatchWithCounts) => ({ ...toView(b), insurerName, accepted, rejected, unanswered })),
    };
  }

  /** One batch; with `insurerId`, only that insurer's (another's is as good as missing). */
  async get(id: string, insurerId?: string): Promise<BatchView> {
    const batch = await this.batches.find(id, insurerId);
    if (!batch) throw InsuranceErrors.batchNotFound(id);
    return toView(batch);
  }

  /** The built file; every download is audited. */
  async file(id: string, ctx: ActionContext, insurerId?: string): Promise<BatchFile> {
    const batch = await this.batches.find(id, insurerId);
    if (!batch) throw InsuranceErrors.batchNotFound(id);
    if (batch.status !== 'ready' || !batch.fileKey || !batch.sha256) throw InsuranceErrors.batchNotReady(batch.status);
    await this.tx.run((tx) =>
      this.audit.record(tx, ctx, this.clock.now(), {
        action: 'insurance.batch.download',
        targetType: 'insurance_batch',
        targetId: id,
        details: { controlNo: batch.controlNo, sha256: batch.sha256 },
      }),
    );
    const writer = writerFor(batch.format);
    return {
      stream: this.files.read(batch.fileKey),
      sha256: batch.sha256,
      byteSize: batch.byteSize ?? 0,
      contentType: writer.contentType,
      filename: `dure-${batch.controlNo}-${batch.kind}.${writer.extension}`,
    };
  }

  /**
   * An insurer's answers, record by record, all or nothing: an unknown record is a 404
   * naming it; the same answer again changes nothing; a different answer to a record
   * already answered is a 409. Accepted additions become `enrolled` with their
   * certificate, accepted terminations `terminated`, rejections `rejected` with the
   * insurer's code and message — but only an answer to an enrolment's newest record
   * moves it (an older one is kept on its record).
   */
  async acknowledge(insurerId: string, batchId: string, inputs: AcknowledgementInput[], ctx: ActionContext): Promise<AcknowledgementResult> {
    const answers = validateAnswers(inputs);
    const result: AcknowledgementResult = { applied: 0, unchanged: 0, accepted: 0, rejected: 0 };
    const touched = await this.tx.run(async (tx) => {
      const batch = await this.batches.lock(tx, batchId, insurerId);
      if (!batch) throw InsuranceErrors.batchNotFound(batchId);
      if (batch.status !== 'ready') throw InsuranceErrors.batchNotReady(batch.status);
      const records = await this.batches.lockRecords(tx, batchId, answers.map((a) => a.recordId));
      const missing = answers.map((a, index) => ({ index, recordId: a.recordId })).filter((a) => !records.has(a.recordId));
      if (missing.length) throw InsuranceErrors.recordsNotFound(missing);
      const conflicts = answers
        .map((a, index) => ({ index, a, r: records.get(a.recordId) as BatchRecord }))
        .filter(({ a, r }) => r.ackStatus !== null && !sameAnswer(a, r))
        .map(({ index, a, r }) => ({ index, recordId: a.recordId, was: r.ackStatus as string }));
      if (conflicts.length) throw InsuranceErrors.ackConflict(conflicts);
      const needsCertificate = answers.findIndex((a) => a.status === 'accepted' && !a.certificateNo && ['021', '025'].includes((records.get(a.recordId) as BatchRecord).action));
      if (needsCertificate >= 0) throw InsuranceErrors.ackInvalid(needsCertificate, 'certificateNo', 'is required when accepting an addition or reinstatement');
      const fresh = answers.filter((a) => (records.get(a.recordId) as BatchRecord).ackStatus === null);
      result.unchanged = answers.length - fresh.length;
      result.applied = fresh.length;
      result.accepted = fresh.filter((a) => a.status === 'accepted').length;
      result.rejected = fresh.length - result.accepted;
      if (fresh.length === 0) return [];
      const at = this.clock.now();
      await this.batches.saveAcknowledgements(tx, fresh, at);
      const freshRecords = fresh.map((a) => ({ a, r: records.get(a.recordId) as BatchRecord }));
      // Enrolments locked first (in the order every locker uses), then which record is newest.
      const enrollmentIds = [...new Set(freshRecords.map(({ r }) => r.enrollmentId))];
      const locked = await this.enrollments.lockMany(tx, enrollmentIds);
      const latest = await this.batches.latestRecordIds(tx, enrollmentIds);
      const members: string[] = [];
      for (const { a, r } of freshRecords) {
        const current = locked.get(r.enrollmentId);
        if (!current || (r.action !== '030' && latest.get(r.enrollmentId) !== r.recordId)) continue;
        // A newer change waits to be sent: the answer is kept on its record and only a certificate is taken.
        const waiting = current.pendingAction !== null || current.reinstateOn !== null;
        const change = waiting
          ? a.status === 'accepted' && a.certificateNo && !current.certificateNo
            ? { status: current.status, certificateNo: a.certificateNo }
            : null
          : answerEffect(current.status, r.action, a);
        if (!change) continue;
        locked.set(current.id, await this.enrollments.change(tx, current, change, answerReason(batch.controlNo, a), `insurer:${insurerId}`, at));
        members.push(r.memberId);
      }
      await this.audit.record(tx, ctx, at, {
        action: 'insurance.batch.acknowledge',
        targetType: 'insurance_batch',
        targetId: batchId,
        details: { controlNo: batch.controlNo, ...result },
      });
      return members;
    });
    await this.enrollmentService.invalidateProfiles(touched);
    return result;
  }
}

/** Checks the answers' own shape: a rejection names a code and a message; a record is answered once per request. */
function validateAnswers(inputs: AcknowledgementInput[]): Acknowledgement[] {
  const seen = new Map<string, number>();
  return inputs.map((input, i) => {
    if (input.status === 'rejected' && (!input.code || !input.message)) throw InsuranceErrors.ackInvalid(i, input.code ? 'message' : 'code', 'is required for a rejection');
    if (input.status === 'accepted' && (input.code || input.message)) throw InsuranceErrors.ackInvalid(i, 'code', 'belongs only to a rejection');
    const before = seen.get(input.recordId);
    if (before !== undefined) throw InsuranceErrors.ackInvalid(i, 'recordId', `repeats results[${before}]`);
    seen.set(input.recordId, i);
    return {
      recordId: input.recordId,
      status: input.status,
      certificateNo: input.status === 'accepted' ? (input.certificateNo ?? null) : null,
      code: input.status === 'rejected' ? (input.code ?? null) : null,
      message: input.status === 'rejected' ? (input.message ?? null) : null,
    };
  });
}

function sameAnswer(a: Acknowledgement, r: BatchRecord): boolean {
  return a.status === r.ackStatus && (a.certificateNo ?? null) === r.certificateNo && (a.code ?? null) === r.rejectCode && (a.message ?? null) === r.rejectMessage;
}

function answerReason(controlNo: number, a: Acknowledgement): string {
  return a.status === 'accepted' ? `accepted in batch ${controlNo}` : `rejected in batch ${controlNo}: ${a.code} ${a.message}`;
}

/**
 * What an answer to an enrolment's newest record does to it (with no newer change
 * waiting). A refused addition or reinstatement leaves the member `rejected`; a refused
 * change or termination keeps the status (the insurer still holds the member) with the
 * insurer's code for staff to act on; an audit answer only confirms.
 */
export function answerEffect(
  status: EnrollmentStatus,
  action: BatchRecord['action'],
  a: Pick<Acknowledgement, 'status' | 'certificateNo' | 'code' | 'message'>,
): EnrollmentChange | null {
  if (a.status === 'rejected') {
    if (status === 'terminated' || action === '030') return null;
    if (action === '001' || action === '024') return { status, rejectCode: a.code, rejectMessage: a.message };
    return { status: 'rejected', pendingAction: null, rejectCode: a.code, rejectMessage: a.message };
  }
  const certificate = a.certificateNo ? { certificateNo: a.certificateNo } : {};
  if (action === '024') return status === 'terminating' ? { status: 'terminated', rejectCode: null, rejectMessage: null, ...certificate } : null;
  if (status === 'submitted') return { status: 'enrolled', rejectCode: null, rejectMessage: null, ...certificate };
  if (action === '001') return { status, rejectCode: null, rejectMessage: null, ...certificate };
  return a.certificateNo ? { status, ...certificate } : null;
}
