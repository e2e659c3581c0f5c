import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Page, PageRequest, pageOffset, toPage } from '@dure/common';
import { Tx, sqlRows } from '@dure/database';
import type { Plan } from '../remuneration';
import type { PendingAction } from '../enrollments/enrollment.repository';
import type { BatchRow, MaintenanceCode } from './formats/batch-format';

export type BatchKind = 'delta' | 'full';
export type BatchFormat = 'csv' | 'x12-834';
export type BatchStatus = 'queued' | 'building' | 'ready' | 'failed';

export interface Batch {
  id: string;
  insurerId: string;
  kind: BatchKind;
  format: BatchFormat;
  status: BatchStatus;
  controlNo: number;
  asOf: string;
  recordCount: number | null;
  sha256: string | null;
  byteSize: number | null;
  fileKey: string | null;
  error: string | null;
  requestedBy: string;
  createdAt: Date;
  readyAt: Date | null;
}

export interface BatchWithCounts extends Batch {
  insurerName: string;
  accepted: number;
  rejected: number;
  unanswered: number;
}

export interface BatchRecord {
  recordId: string;
  enrollmentId: string;
  memberId: string;
  action: MaintenanceCode;
  ackStatus: 'accepted' | 'rejected' | null;
  certificateNo: string | null;
  rejectCode: string | null;
  rejectMessage: string | null;
}

export interface Acknowledgement {
  recordId: string;
  status: 'accepted' | 'rejected';
  certificateNo: string | null;
  code: string | null;
  message: string | null;
}

type Row = Record<string, unknown>;

const BATCH_COLUMNS = `b.id, b.insurer_id, b.kind, b.format, b.status, b.control_no, to_char(b.as_of, 'YYYY-MM-DD') AS as_of, b.record_count,
  b.sha256, b.byte_size, b.file_key, b.error, b.requested_by, b.created_at, b.ready_at`;

const toBatch = (r: Row): Batch => ({
  id: r.id as string,
  insurerId: r.insurer_id as string,
  kind: r.kind as BatchKind,
  format: r.format as BatchFormat,
  status: r.status as BatchStatus,
  controlNo: Number(r.control_no),
  asOf: r.as_of as string,
  recordCount: r.record_count === null ? null : Number(r.record_count),
  sha256: (r.sha256 as string | null) ?? null,
  byteSize: r.byte_size === null ? null : Number(r.byte_size),
  fileKey: (r.file_key as string | null) ?? null,
  error: (r.error as string | null) ?? null,
  requestedBy: r.requested_by as string,
  createdAt: r.created_at as Date,
  readyAt: (r.ready_at as Date | null) ?? null,
});

/** SQL: the maintenance code of a pending action (`column` names it). */
const actionOfPending = (column: string) =>
  `CASE ${column} WHEN 'add' THEN '021' WHEN 'change' THEN '001' WHEN 'terminate' THEN '024' WHEN 'reinstate' THEN '025' END`;

const PENDING_OF_ACTION: Record<MaintenanceCode, PendingAction> = { '021': 'add', '001': 'change', '024': 'terminate', '025': 'reinstate', '030': 'add' };

/** SQL: the records of a batch from a row set `n` (enrolment, member, action, status after, seq). */
const INSERT_RECORDS = `INSERT INTO insurance_batch_record (record_id, batch_id, seq, enrollment_id, action, plan, member_no, member_name, birth_date, gender,
    enrollment_status, enrollment_certificate, reason, coverage_start, coverage_end)
  SELECT $3 || '-' || n.seq, $1, n.seq, n.id, n.action, n.plan, n.member_no, n.name, n.birth_date,
         CASE WHEN substr(n.rrn_masked, 8, 1) IN ('1','3','5','7','9') THEN 'M' WHEN substr(n.rrn_masked, 8, 1) IN ('2','4','6','8','0') THEN 'F' ELSE 'U' END,
         n.status_after, n.certificate_no, CASE WHEN n.action = '024' THEN n.loss_reason ELSE n.acquisition_reason END, n.coverage_start, n.coverage_end`;

/** Rows fetched from the file cursor at a time. */
const CURSOR_FETCH = 2000;

@Injectable()
export class BatchRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** A new queued batch; a schedule key that exists already gives `null` (the schedule ran before). */
  async create(
    tx: Tx,
    b: { insurerId: string; kind: BatchKind; format: BatchFormat; asOf: string; requestedBy: string; scheduleKey?: string },
  ): Promise<Batch | null> {
    const rows = await sqlRows<Row>(
      tx,
      `INSERT INTO insurance_batch AS b (insurer_id, kind, format, status, as_of, requested_by, schedule_key)
       VALUES ($1, $2, $3, 'queued', $4, $5, $6) ON CONFLICT (schedule_key) DO NOTHING RETURNING ${BATCH_COLUMNS}`,
      [b.insurerId, b.kind, b.format, b.asOf, b.requestedBy, b.scheduleKey ?? null],
    );
    return rows[0] ? toBatch(rows[0]) : null;
  }

  async find(id: string, insurerId?: string): Promise<Batch | null> {
    const rows = await sqlRows<Row>(
      this.dataSource.manager,
      `SELECT ${BATCH_COLUMNS} FROM insurance_batch b WHERE b.id = $1 AND ($2::uuid IS NULL OR b.insurer_id = $2)`,
      [id, insurerId ?? null],
    );
    return rows[0] ? toBatch(rows[0]) : null;
  }

  async lock(tx: Tx, id: string, insurerId?: string): Promise<Batch | null> {
    const rows = await sqlRows<Row>(tx, `SELECT ${BATCH_COLUMNS} FROM insurance_batch b WHERE b.id = $1 AND ($2::uuid IS NULL OR b.insurer_id = $2) FOR UPDATE`, [
      id,
      insurerId ?? null,
    ]);
    return rows[0] ? toBatch(rows[0]) : null;
  }

  async list(filter: { insurerId?: string; status?: BatchStatus }, page: PageRequest): Promise<Page<BatchWithCounts>> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.insurerId) where.push(`b.insurer_id = $${params.push(filter.insurerId)}`);
    if (filter.status) where.push(`b.status = $${params.push(filter.status)}`);
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const rows = await sqlRows<Row>(
      this.dataSource.manager,
      `SELECT ${BATCH_COLUMNS}, i.name AS insurer_name, c.accepted, c.rejected, c.unanswered
         FROM insurance_batch b JOIN insurer i ON i.id = b.insurer_id
         CROSS JOIN LATERAL (
           SELECT count(*) FILTER (WHERE ack_status = 'accepted')::int AS accepted,
                  count(*) FILTER (WHERE ack_status = 'rejected')::int AS rejected,
                  count(*) FILTER (WHERE ack_status IS NULL)::int AS unanswered
             FROM insurance_batch_record r WHERE r.batch_id = b.id) c
         ${clause} ORDER BY b.control_no DESC LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, page.limit, pageOffset(page)],
    );
    const total = await sqlRows<{ n: string }>(this.dataSource.manager, `SELECT count(*) AS n FROM insurance_batch b ${clause}`, params);
    const items = rows.map((r) => ({
      ...toBatch(r),
      insurerName: r.insurer_name as string,
      accepted: r.accepted as number,
      rejected: r.rejected as number,
      unanswered: r.unanswered as number,
    }));
    return toPage(items, Number(total[0].n), page);
  }

  /**
   * Fixes what a batch contains, once: a delta takes every enrolment of the insurer's plans
   * with something to report (and marks it sent), a full file every enrolment the insurer
   * should hold. Records are kept, so a retried build writes the same file. One insurer's
   * batches are materialized one at a time (advisory lock), so no change goes out twice.
   */
  async materialize(tx: Tx, batch: Batch, plans: Plan[], at: Date): Promise<number> {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext('insurance-batch:' || $1::text))`, [batch.insurerId]);
    // Materialized before (a retried build): the same records again.
    if (batch.recordCount !== null) return batch.recordCount;
    // Counted in the database: a batch of any size costs the worker no memory here.
    const counted = await sqlRows<{ n: number }>(
      tx,
      batch.kind === 'delta'
        ? `WITH picked AS (
             SELECT e.*, ${actionOfPending('e.pending_action')} AS action, m.member_no, m.name, m.birth_date, m.rrn_masked
               FROM insurance_enrollment e JOIN member m ON m.id = e.member_id
              WHERE e.plan = ANY($2::text[]) AND e.pending_action IS NOT NULL
              ORDER BY e.member_id, e.plan
                FOR UPDATE OF e
           ), ins AS (
             ${INSERT_RECORDS} FROM (SELECT p.*, CASE WHEN p.status = 'pending' THEN 'submitted' ELSE p.status END AS status_after,
                                            row_number() OVER (ORDER BY p.member_no, p.plan) AS seq FROM picked p) n
             RETURNING 1)
           SELECT count(*)::int AS n FROM ins`
        : `WITH ins AS (
             ${INSERT_RECORDS} FROM (
               SELECT e.*, '030' AS action, e.status AS status_after, m.member_no, m.name, m.birth_date, m.rrn_masked,
                      row_number() OVER (ORDER BY m.member_no, e.plan) AS seq
                 FROM insurance_enrollment e JOIN member m ON m.id = e.member_id
                WHERE e.plan = ANY($2::text[]) AND e.status IN ('submitted', 'enrolled', 'terminating')) n
             RETURNING 1)
           SELECT count(*)::int AS n FROM ins`,
      [batch.id, plans, String(batch.controlNo)],
    );
    const recordCount = counted[0].n;
    if (batch.kind === 'delta' && recordCount > 0) {
      const reason = `batch ${batch.controlNo}`;
      await tx.query(
        `INSERT INTO insurance_enrollment_history (enrollment_id, from_status, to_status, reason, actor, at)
         SELECT e.id, e.status, 'submitted', $2, 'system', $3
           FROM insurance_batch_record r JOIN insurance_enrollment e ON e.id = r.enrollment_id
          WHERE r.batch_id = $1 AND e.status = 'pending'`,
        [batch.id, reason, at],
      );
      await tx.query(
        `UPDATE insurance_enrollment e SET pending_action = NULL, changed_at = $2,
                status = CASE WHEN e.status = 'pending' THEN 'submitted' ELSE e.status END
           FROM insurance_batch_record r WHERE r.batch_id = $1 AND r.enrollment_id = e.id`,
        [batch.id, at],
      );
      // A termination sent now with a return already known: the reinstatement goes out next.
      await tx.query(
        `WITH back AS (
           UPDATE insurance_enrollment e SET status = 'pending', pending_action = 'reinstate', coverage_start = e.reinstate_on,
                  coverage_end = NULL, loss_reason = NULL, reinstate_on = NULL, changed_at = $2
             FROM insurance_batch_record r WHERE r.batch_id = $1 AND r.enrollment_id = e.id AND e.reinstate_on IS NOT NULL
           RETURNING e.id)
         INSERT INTO insurance_enrollment_history (enrollment_id, from_status, to_status, reason, actor, at)
         SELECT id, 'terminating', 'pending', 'reinstatement after the termination sent in ' || $3, 'system', $2 FROM back`,
        [batch.id, at, reason],
      );
    }
    await tx.query(`UPDATE insurance_batch SET status = 'building', record_count = $2 WHERE id = $1`, [batch.id, recordCount]);
    return recordCount;
  }

  /** Members whose enrolments a batch's records concern. */
  async memberIdsOf(batchId: string): Promise<string[]> {
    const rows = await sqlRows<{ member_id: string }>(
      this.dataSource.manager,
      `SELECT DISTINCT e.member_id FROM insurance_batch_record r JOIN insurance_enrollment e ON e.id = r.enrollment_id WHERE r.batch_id = $1`,
      [batchId],
    );
    return rows.map((r) => r.member_id);
  }

  /**
   * The batch's rows in file order, read through a server-side cursor a few thousand at a
   * time, so a file of any size is written in constant memory.
   */
  async streamRows(batchId: string, onRows: (rows: BatchRow[]) => Promise<void>): Promise<void> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction('REPEATABLE READ');
      // The whole cursor is always read: plan for all of it, not for the first rows.
      await runner.query(`SET LOCAL cursor_tuple_fraction = 1`);
      await runner.query(
        `DECLARE batch_rows NO SCROLL CURSOR FOR
         SELECT record_id, seq, action, plan, member_no, member_name, to_char(birth_date, 'YYYY-MM-DD') AS birth_date, gender,
                enrollment_status, enrollment_certificate, reason,
                to_char(coverage_start, 'YYYY-MM-DD') AS coverage_start, to_char(coverage_end, 'YYYY-MM-DD') AS coverage_end
           FROM insurance_batch_record WHERE batch_id = $1 ORDER BY seq`,
        [batchId],
      );
      for (;;) {
        const rows = (await runner.query(`FETCH ${CURSOR_FETCH} FROM batch_rows`)) as Row[];
        if (rows.length === 0) break;
        await onRows(rows.map(toBatchRow));
      }
      await runner.commitTransaction();
    } catch (err) {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      throw err;
    } finally {
      await runner.release();
    }
  }

  async markReady(id: string, file: { sha256: string; byteSize: number; fileKey: string }, at: Date): Promise<void> {
    await this.dataSource.query(
      `UPDATE insurance_batch SET status = 'ready', sha256 = $2, byte_size = $3, file_key = $4, ready_at = $5, error = NULL WHERE id = $1 AND status <> 'ready'`,
      [id, file.sha256, file.byteSize, file.fileKey, at],
    );
  }

  async markFailed(id: string, error: string): Promise<void> {
    await this.dataSource.query(`UPDATE insurance_batch SET status = 'failed', error = $2 WHERE id = $1 AND status <> 'ready'`, [id, error.slice(0, 2000)]);
  }

  /** Insurers with something for a delta: an enrolment of one of their plans with a pending action. */
  async insurersWithPendingChanges(): Promise<string[]> {
    const rows = await sqlRows<{ id: string }>(
      this.dataSource.manager,
      `SELECT i.id FROM insurer i
        WHERE EXISTS (SELECT 1 FROM insurance_enrollment e WHERE e.plan = ANY(i.plans) AND e.pending_action IS NOT NULL)
        ORDER BY i.created_at`,
    );
    return rows.map((r) => r.id);
  }

  /** The format of the insurer's latest batch (what its systems read), if it has one. */
  async lastFormat(insurerId: string): Promise<BatchFormat | null> {
    const rows = await sqlRows<{ format: BatchFormat }>(
      this.dataSource.manager,
      `SELECT format FROM insurance_batch WHERE insurer_id = $1 ORDER BY control_no DESC LIMIT 1`,
      [insurerId],
    );
    return rows[0]?.format ?? null;
  }

  /** These records of this batch, locked; those not found are simply absent. */
  async lockRecords(tx: Tx, batchId: string, recordIds: string[]): Promise<Map<string, BatchRecord>> {
    const rows = await sqlRows<Row>(
      tx,
      `SELECT r.record_id, r.enrollment_id, e.member_id, r.action, r.ack_status, r.certificate_no, r.reject_code, r.reject_message
         FROM insurance_batch_record r JOIN insurance_enrollment e ON e.id = r.enrollment_id
        WHERE r.batch_id = $1 AND r.record_id = ANY($2::text[]) ORDER BY r.seq FOR UPDATE OF r`,
      [batchId, recordIds],
    );
    return new Map(
      rows.map((r) => [
        r.record_id as string,
        {
          recordId: r.record_id as string,
          enrollmentId: r.enrollment_id as string,
          memberId: r.member_id as string,
          action: r.action as MaintenanceCode,
          ackStatus: (r.ack_status as 'accepted' | 'rejected' | null) ?? null,
          certificateNo: (r.certificate_no as string | null) ?? null,
          rejectCode: (r.reject_code as string | null) ?? null,
          rejectMessage: (r.reject_message as string | null) ?? null,
        },
      ]),
    );
  }

  async saveAcknowledgements(tx: Tx, acks: Acknowledgement[], at: Date): Promise<void> {
    if (acks.length === 0) return;
    await tx.query(
      `UPDATE insurance_batch_record r SET ack_status = a.status, certificate_no = a.cert, reject_code = a.code, reject_message = a.message, acked_at = $6
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]) AS a(record_id, status, cert, code, message)
        WHERE r.record_id = a.record_id`,
      [acks.map((a) => a.recordId), acks.map((a) => a.status), acks.map((a) => a.certificateNo), acks.map((a) => a.code), acks.map((a) => a.message), at],
    );
  }

  /** The newest change record (not audit) of each enrolment: only an answer to it may move the enrolment. */
  async latestRecordIds(tx: Tx, enrollmentIds: string[]): Promise<Map<string, string>> {
    const rows = await sqlRows<{ enrollment_id: string; record_id: string }>(
      tx,
      `SELECT DISTINCT ON (r.enrollment_id) r.enrollment_id, r.record_id
         FROM insurance_batch_record r JOIN insurance_batch b ON b.id = r.batch_id
        WHERE r.enrollment_id = ANY($1::uuid[]) AND r.action <> '030' ORDER BY r.enrollment_id, b.control_no DESC`,
      [enrollmentIds],
    );
    return new Map(rows.map((r) => [r.enrollment_id, r.record_id]));
  }

  /** Whether the insurer was ever sent this enrolment (an addition, change or reinstatement it did not refuse). */
  async wasReported(tx: Tx, enrollmentId: string): Promise<boolean> {
    const rows = await sqlRows(
      tx,
      `SELECT 1 FROM insurance_batch_record WHERE enrollment_id = $1 AND action IN ('021', '001', '025') AND ack_status IS DISTINCT FROM 'rejected' LIMIT 1`,
      [enrollmentId],
    );
    return rows.length > 0;
  }

  /** What a rejected enrolment goes out as again: the action of its last rejected record. */
  async lastRejectedAction(tx: Tx, enrollmentId: string): Promise<PendingAction | null> {
    const rows = await sqlRows<{ action: MaintenanceCode }>(
      tx,
      `SELECT r.action FROM insurance_batch_record r JOIN insurance_batch b ON b.id = r.batch_id
        WHERE r.enrollment_id = $1 AND r.ack_status = 'rejected' ORDER BY b.control_no DESC LIMIT 1`,
      [enrollmentId],
    );
    return rows[0] ? PENDING_OF_ACTION[rows[0].action] : null;
  }
}

function toBatchRow(r: Row): BatchRow {
  return {
    recordId: r.record_id as string,
    seq: Number(r.seq),
    action: r.action as MaintenanceCode,
    plan: r.plan as Plan,
    memberNo: r.member_no as string,
    name: r.member_name as string,
    birthDate: r.birth_date as string,
    gender: r.gender as BatchRow['gender'],
    status: r.enrollment_status as string,
    coverageStart: (r.coverage_start as string | null) ?? null,
    coverageEnd: (r.coverage_end as string | null) ?? null,
    certificateNo: (r.enrollment_certificate as string | null) ?? null,
    reason: (r.reason as string | null) ?? null,
  };
}
