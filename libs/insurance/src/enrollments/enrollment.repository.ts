import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Page, PageRequest, pageOffset, toPage } from '@dure/common';
import { Tx, sqlRows } from '@dure/database';
import type { Plan } from '../remuneration';

export const ENROLLMENT_STATUSES = ['pending', 'submitted', 'enrolled', 'rejected', 'terminating', 'terminated'] as const;
export type EnrollmentStatus = (typeof ENROLLMENT_STATUSES)[number];
/** What the next delta batch must tell the insurer about an enrolment. */
export type PendingAction = 'add' | 'change' | 'terminate' | 'reinstate';

export interface Enrollment {
  id: string;
  memberId: string;
  plan: Plan;
  status: EnrollmentStatus;
  pendingAction: PendingAction | null;
  certificateNo: string | null;
  /** First covered day (취득일). */
  coverageStart: string | null;
  /** Last covered day; the loss date (상실일) is the day after. */
  coverageEnd: string | null;
  acquisitionReason: string | null;
  lossReason: string | null;
  rejectCode: string | null;
  rejectMessage: string | null;
  /** A return to cover to report once the pending termination has gone out (a gap in cover). */
  reinstateOn: string | null;
  changedAt: Date;
}

export interface EnrollmentListItem extends Enrollment {
  memberNo: string | null;
  memberName: string;
}

/** A change to an enrolment; `status` always, the rest only where given. */
export type EnrollmentChange = Pick<Enrollment, 'status'> & Partial<Omit<Enrollment, 'id' | 'memberId' | 'plan' | 'status' | 'changedAt'>>;

type Row = Record<string, unknown>;

const COLUMNS = `e.id, e.member_id, e.plan, e.status, e.pending_action, e.certificate_no,
  to_char(e.coverage_start, 'YYYY-MM-DD') AS coverage_start, to_char(e.coverage_end, 'YYYY-MM-DD') AS coverage_end,
  e.acquisition_reason, e.loss_reason, e.reject_code, e.reject_message, to_char(e.reinstate_on, 'YYYY-MM-DD') AS reinstate_on, e.changed_at`;

const toEnrollment = (r: Row): Enrollment => ({
  id: r.id as string,
  memberId: r.member_id as string,
  plan: r.plan as Plan,
  status: r.status as EnrollmentStatus,
  pendingAction: (r.pending_action as PendingAction | null) ?? null,
  certificateNo: (r.certificate_no as string | null) ?? null,
  coverageStart: (r.coverage_start as string | null) ?? null,
  coverageEnd: (r.coverage_end as string | null) ?? null,
  acquisitionReason: (r.acquisition_reason as string | null) ?? null,
  lossReason: (r.loss_reason as string | null) ?? null,
  rejectCode: (r.reject_code as string | null) ?? null,
  rejectMessage: (r.reject_message as string | null) ?? null,
  reinstateOn: (r.reinstate_on as string | null) ?? null,
  changedAt: r.changed_at as Date,
});

const FIELD_COLUMNS: Record<keyof Omit<EnrollmentChange, 'status'>, string> = {
  pendingAction: 'pending_action',
  certificateNo: 'certificate_no',
  coverageStart: 'coverage_start',
  coverageEnd: 'coverage_end',
  acquisitionReason: 'acquisition_reason',
  lossReason: 'loss_reason',
  rejectCode: 'reject_code',
  rejectMessage: 'reject_message',
  reinstateOn: 'reinstate_on',
};

@Injectable()
export class EnrollmentRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** A member's enrolments, locked for the caller's transaction. */
  async forMemberLocked(tx: Tx, memberId: string): Promise<Enrollment[]> {
    return (await sqlRows<Row>(tx, `SELECT ${COLUMNS} FROM insurance_enrollment e WHERE e.member_id = $1 ORDER BY e.plan FOR UPDATE`, [memberId])).map(toEnrollment);
  }

  /** The enrolments of many members, locked (members in id order, so concurrent callers never deadlock). */
  async forMembersLocked(tx: Tx, memberIds: string[]): Promise<Enrollment[]> {
    if (memberIds.length === 0) return [];
    return (
      await sqlRows<Row>(tx, `SELECT ${COLUMNS} FROM insurance_enrollment e WHERE e.member_id = ANY($1::uuid[]) ORDER BY e.member_id, e.plan FOR UPDATE`, [memberIds])
    ).map(toEnrollment);
  }

  /** These enrolments, locked in the same order every caller uses (member, plan), so lockers never deadlock. */
  async lockMany(tx: Tx, ids: string[]): Promise<Map<string, Enrollment>> {
    const rows = await sqlRows<Row>(tx, `SELECT ${COLUMNS} FROM insurance_enrollment e WHERE e.id = ANY($1::uuid[]) ORDER BY e.member_id, e.plan FOR UPDATE`, [ids]);
    return new Map(rows.map((r) => [r.id as string, toEnrollment(r)]));
  }

  async lock(tx: Tx, id: string): Promise<Enrollment | null> {
    const rows = await sqlRows<Row>(tx, `SELECT ${COLUMNS} FROM insurance_enrollment e WHERE e.id = $1 FOR UPDATE`, [id]);
    return rows[0] ? toEnrollment(rows[0]) : null;
  }

  async forMember(memberId: string): Promise<Enrollment[]> {
    return (await sqlRows<Row>(this.dataSource.manager, `SELECT ${COLUMNS} FROM insurance_enrollment e WHERE e.member_id = $1 ORDER BY e.plan`, [memberId])).map(toEnrollment);
  }

  async insert(
    tx: Tx,
    e: Pick<Enrollment, 'memberId' | 'plan' | 'status' | 'pendingAction' | 'coverageStart' | 'acquisitionReason'>,
    actor: string,
    at: Date,
  ): Promise<Enrollment> {
    const rows = await sqlRows<Row>(
      tx,
      `INSERT INTO insurance_enrollment AS e (member_id, plan, status, pending_action, coverage_start, acquisition_reason, changed_at, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING ${COLUMNS}`,
      [e.memberId, e.plan, e.status, e.pendingAction, e.coverageStart, e.acquisitionReason, at],
    );
    const created = toEnrollment(rows[0]);
    await this.recordHistory(tx, created.id, null, created.status, e.acquisitionReason, actor, at);
    return created;
  }

  /** Applies a change and records the step in the enrolment's history. */
  async change(tx: Tx, current: Enrollment, change: EnrollmentChange, reason: string | null, actor: string, at: Date): Promise<Enrollment> {
    const sets = ['status = $2', 'changed_at = $3'];
    const params: unknown[] = [current.id, change.status, at];
    for (const [key, column] of Object.entries(FIELD_COLUMNS) as [keyof typeof FIELD_COLUMNS, string][]) {
      if (key in change) sets.push(`${column} = $${params.push(change[key] ?? null)}`);
    }
    const rows = await sqlRows<Row>(tx, `UPDATE insurance_enrollment e SET ${sets.join(', ')} WHERE e.id = $1 RETURNING ${COLUMNS}`, params);
    const updated = toEnrollment(rows[0]);
    if (current.status !== updated.status || reason) await this.recordHistory(tx, current.id, current.status, updated.status, reason, actor, at);
    return updated;
  }

  private async recordHistory(tx: Tx, id: string, from: string | null, to: string, reason: string | null, actor: string, at: Date): Promise<void> {
    await tx.query(`INSERT INTO insurance_enrollment_history (enrollment_id, from_status, to_status, reason, actor, at) VALUES ($1, $2, $3, $4, $5, $6)`, [
      id,
      from,
      to,
      reason,
      actor,
      at,
    ]);
  }

  async history(id: string): Promise<{ fromStatus: string | null; toStatus: string; reason: string | null; actor: string; at: Date }[]> {
    const rows = await sqlRows<Row>(
      this.dataSource.manager,
      `SELECT from_status, to_status, reason, actor, at FROM insurance_enrollment_history WHERE enrollment_id = $1 ORDER BY id`,
      [id],
    );
    return rows.map((r) => ({
      fromStatus: (r.from_status as string | null) ?? null,
      toStatus: r.to_status as string,
      reason: (r.reason as string | null) ?? null,
      actor: r.actor as string,
      at: r.at as Date,
    }));
  }

  async find(id: string): Promise<EnrollmentListItem | null> {
    const rows = await sqlRows<Row>(
      this.dataSource.manager,
      `SELECT ${COLUMNS}, m.member_no, m.name FROM insurance_enrollment e JOIN member m ON m.id = e.member_id WHERE e.id = $1`,
      [id],
    );
    return rows[0] ? { ...toEnrollment(rows[0]), memberNo: (rows[0].member_no as string | null) ?? null, memberName: rows[0].name as string } : null;
  }

  async list(filter: { status?: EnrollmentStatus; plan?: Plan; memberId?: string }, page: PageRequest): Promise<Page<EnrollmentListItem>> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.status) where.push(`e.status = $${params.push(filter.status)}`);
    if (filter.plan) where.push(`e.plan = $${params.push(filter.plan)}`);
    if (filter.memberId) where.push(`e.member_id = $${params.push(filter.memberId)}`);
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const rows = await sqlRows<Row>(
      this.dataSource.manager,
      `SELECT ${COLUMNS}, m.member_no, m.name FROM insurance_enrollment e JOIN member m ON m.id = e.member_id ${clause}
       ORDER BY e.changed_at DESC, e.id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, page.limit, pageOffset(page)],
    );
    const total = await sqlRows<{ n: string }>(this.dataSource.manager, `SELECT count(*) AS n FROM insurance_enrollment e ${clause}`, params);
    const items = rows.map((r) => ({ ...toEnrollment(r), memberNo: (r.member_no as string | null) ?? null, memberName: r.name as string }));
    return toPage(items, Number(total[0].n), page);
  }

  /** How many enrolments each plan has in each status (only pairs that occur). */
  async countsByPlanAndStatus(): Promise<{ plan: Plan; status: EnrollmentStatus; count: number }[]> {
    return sqlRows(
      this.dataSource.manager,
      `SELECT plan, status, count(*)::int AS count FROM insurance_enrollment GROUP BY plan, status ORDER BY plan, status`,
    );
  }

  /** Members among these whose group accident cover forbids work: rejected, or ended. */
  async withoutGroupCover(memberIds: string[]): Promise<Set<string>> {
    const rows = await sqlRows<{ member_id: string }>(
      this.dataSource.manager,
      `SELECT member_id FROM insurance_enrollment WHERE member_id = ANY($1::uuid[]) AND plan = 'group_accident' AND status IN ('rejected', 'terminated')`,
      [memberIds],
    );
    return new Set(rows.map((r) => r.member_id));
  }
}
