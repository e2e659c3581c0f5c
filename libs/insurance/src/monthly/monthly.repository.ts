import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Tx, sqlRows, wonFromDb } from '@dure/database';
import type { Plan } from '../remuneration';

export interface MonthBounds {
  month: string;
  /** First and last day of the month (YYYY-MM-DD). */
  firstDay: string;
  lastDay: string;
  /** The month as instants, Asia/Seoul: [from, to). */
  from: Date;
  to: Date;
}

/** What the computation needs to know of a member for a month. */
export interface MemberMonth {
  memberId: string;
  status: string;
  approvedOn: string;
  withdrawalEffectiveOn: string | null;
  /** When the current status began (Asia/Seoul date): a suspension's first day. */
  statusChangedOn: string;
  grossWon: number;
}

export interface MonthlyRow {
  memberId: string;
  plan: Plan;
  rateId: string;
  grossWon: number;
  nonTaxableWon: number;
  expenseRatioBps: number;
  remunerationWon: number;
  workerRateBps: number;
  employerRateBps: number;
  covered: boolean;
  workerShareWon: number;
  employerShareWon: number;
  acquiredOn: string | null;
  acquisitionReason: string | null;
  lostOn: string | null;
  lossReason: string | null;
}

export interface ReportRow extends MonthlyRow {
  month: string;
  memberNo: string | null;
  name: string;
}

export interface MonthSummary {
  plan: Plan;
  members: number;
  covered: number;
  remunerationWon: number;
  workerShareWon: number;
  employerShareWon: number;
}

type Row = Record<string, unknown>;

const MONTHLY_COLUMNS = `im.member_id, im.plan, im.rate_id, im.gross_won, im.non_taxable_won, im.expense_ratio_bps, im.remuneration_won,
  im.worker_rate_bps, im.employer_rate_bps, im.covered, im.worker_share_won, im.employer_share_won,
  to_char(im.acquired_on, 'YYYY-MM-DD') AS acquired_on, im.acquisition_reason, to_char(im.lost_on, 'YYYY-MM-DD') AS lost_on, im.loss_reason`;

const toMonthly = (r: Row): MonthlyRow => ({
  memberId: r.member_id as string,
  plan: r.plan as Plan,
  rateId: r.rate_id as string,
  grossWon: wonFromDb(r.gross_won as string),
  nonTaxableWon: wonFromDb(r.non_taxable_won as string),
  expenseRatioBps: r.expense_ratio_bps as number,
  remunerationWon: wonFromDb(r.remuneration_won as string),
  workerRateBps: r.worker_rate_bps as number,
  employerRateBps: r.employer_rate_bps as number,
  covered: r.covered as boolean,
  workerShareWon: wonFromDb(r.worker_share_won as string),
  employerShareWon: wonFromDb(r.employer_share_won as string),
  acquiredOn: (r.acquired_on as string | null) ?? null,
  acquisitionReason: (r.acquisition_reason as string | null) ?? null,
  lostOn: (r.lost_on as string | null) ?? null,
  lossReason: (r.loss_reason as string | null) ?? null,
});

@Injectable()
export class MonthlyRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Members during the month: approved before it ended, not withdrawn before it began. */
  async membersOf(b: MonthBounds): Promise<string[]> {
    const rows = await sqlRows<{ id: string }>(
      this.dataSource.manager,
      `SELECT id FROM member
        WHERE member_no IS NOT NULL AND status IN ('active', 'suspended', 'withdrawn') AND approved_at < $1
          AND NOT (status = 'withdrawn' AND coalesce(withdrawal_effective_on, (status_changed_at AT TIME ZONE 'Asia/Seoul')::date) <= $2::date)
        ORDER BY id`,
      [b.to, b.firstDay],
    );
    return rows.map((r) => r.id);
  }

  /** Serializes computations of one month (chunk by chunk), so two runs at once apply once. */
  async lockMonth(tx: Tx, month: string): Promise<void> {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext('insurance-monthly:' || $1::text))`, [month]);
  }

  /** Plans already computed for these members this month. */
  async computed(tx: Tx, month: string, memberIds: string[]): Promise<Set<string>> {
    const rows = await sqlRows<{ member_id: string; plan: string }>(
      tx,
      `SELECT member_id, plan FROM insurance_monthly WHERE month = $1 AND member_id = ANY($2::uuid[])`,
      [month, memberIds],
    );
    return new Set(rows.map((r) => `${r.member_id}:${r.plan}`));
  }

  /** Each member's status, dates and gross earnings (Σ fares delivered in the month). */
  async memberMonths(tx: Tx, b: MonthBounds, memberIds: string[]): Promise<MemberMonth[]> {
    const rows = await sqlRows<Row>(
      tx,
      `SELECT m.id, m.status, to_char((m.approved_at AT TIME ZONE 'Asia/Seoul')::date, 'YYYY-MM-DD') AS approved_on,
              to_char(m.withdrawal_effective_on, 'YYYY-MM-DD') AS withdrawal_effective_on,
              to_char((m.status_changed_at AT TIME ZONE 'Asia/Seoul')::date, 'YYYY-MM-DD') AS status_changed_on,
              coalesce((SELECT sum(o.fare_won) FROM delivery_order o
                         WHERE o.assigned_member_id = m.id AND o.status = 'delivered' AND o.delivered_at >= $2 AND o.delivered_at < $3), 0) AS gross
         FROM member m WHERE m.id = ANY($1::uuid[]) ORDER BY m.id`,
      [memberIds, b.from, b.to],
    );
    return rows.map((r) => ({
      memberId: r.id as string,
      status: r.status as string,
      approvedOn: r.approved_on as string,
      withdrawalEffectiveOn: (r.withdrawal_effective_on as string | null) ?? null,
      statusChangedOn: r.status_changed_on as string,
      grossWon: wonFromDb(r.gross as string),
    }));
  }

  async insert(tx: Tx, month: string, rows: MonthlyRow[], at: Date): Promise<void> {
    if (rows.length === 0) return;
    const col = <K extends keyof MonthlyRow>(k: K) => rows.map((r) => r[k]);
    await tx.query(
      `INSERT INTO insurance_monthly (member_id, month, plan, rate_id, gross_won, non_taxable_won, expense_ratio_bps, remuneration_won,
         worker_rate_bps, employer_rate_bps, covered, worker_share_won, employer_share_won, acquired_on, acquisition_reason, lost_on, loss_reason, computed_at)
       SELECT u.member_id, $1, u.plan, u.rate_id, u.gross, u.non_taxable, u.expense, u.remuneration, u.worker_rate, u.employer_rate, u.covered,
              u.worker_share, u.employer_share, u.acquired_on, u.acquisition_reason, u.lost_on, u.loss_reason, $18
         FROM unnest($2::uuid[], $3::text[], $4::uuid[], $5::bigint[], $6::bigint[], $7::int[], $8::bigint[], $9::int[], $10::int[], $11::boolean[],
                     $12::bigint[], $13::bigint[], $14::date[], $15::text[], $16::date[], $17::text[])
           AS u(member_id, plan, rate_id, gross, non_taxable, expense, remuneration, worker_rate, employer_rate, covered, worker_share, employer_share,
                acquired_on, acquisition_reason, lost_on, loss_reason)
       ON CONFLICT (member_id, month, plan) DO NOTHING`,
      [
        month,
        col('memberId'),
        col('plan'),
        col('rateId'),
        col('grossWon'),
        col('nonTaxableWon'),
        col('expenseRatioBps'),
        col('remunerationWon'),
        col('workerRateBps'),
        col('employerRateBps'),
        col('covered'),
        col('workerShareWon'),
        col('employerShareWon'),
        col('acquiredOn'),
        col('acquisitionReason'),
        col('lostOn'),
        col('lossReason'),
        at,
      ],
    );
  }

  /** Worker shares handed to settlement as deductions, charged on `chargedOn`; one per member, plan and month. */
  async addDeductions(tx: Tx, month: string, rows: MonthlyRow[], chargedOn: string): Promise<void> {
    const due = rows.filter((r) => r.workerShareWon > 0);
    if (due.length === 0) return;
    await tx.query(
      `INSERT INTO payroll_deduction (member_id, kind, amount_won, charged_on, source_ref)
       SELECT u.member_id, 'insurance_worker_share', u.amount, $1::date, 'insurance:' || $2 || ':' || u.plan || ':' || u.member_id
         FROM unnest($3::uuid[], $4::text[], $5::bigint[]) AS u(member_id, plan, amount)
       ON CONFLICT (kind, source_ref) DO NOTHING`,
      [chargedOn, month, due.map((r) => r.memberId), due.map((r) => r.plan), due.map((r) => r.workerShareWon)],
    );
  }

  async summary(month: string): Promise<MonthSummary[]> {
    const rows = await sqlRows<Row>(
      this.dataSource.manager,
      `SELECT plan, count(*)::int AS members, count(*) FILTER (WHERE covered)::int AS covered, coalesce(sum(remuneration_won), 0) AS remuneration,
              coalesce(sum(worker_share_won), 0) AS worker, coalesce(sum(employer_share_won), 0) AS employer
         FROM insurance_monthly WHERE month = $1 GROUP BY plan ORDER BY plan`,
      [month],
    );
    return rows.map((r) => ({
      plan: r.plan as Plan,
      members: r.members as number,
      covered: r.covered as number,
      remunerationWon: wonFromDb(r.remuneration as string),
      workerShareWon: wonFromDb(r.worker as string),
      employerShareWon: wonFromDb(r.employer as string),
    }));
  }

  /** The statutory report's rows: one per member for the month and plan, by member number. */
  async report(month: string, plan: Plan): Promise<ReportRow[]> {
    const rows = await sqlRows<Row>(
      this.dataSource.manager,
      `SELECT ${MONTHLY_COLUMNS}, im.month, m.member_no, m.name
         FROM insurance_monthly im JOIN member m ON m.id = im.member_id
        WHERE im.month = $1 AND im.plan = $2 ORDER BY m.member_no`,
      [month, plan],
    );
    return rows.map((r) => ({ ...toMonthly(r), month: r.month as string, memberNo: (r.member_no as string | null) ?? null, name: r.name as string }));
  }
}
