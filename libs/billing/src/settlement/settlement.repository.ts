import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Page, PageRequest, pageOffset, toPage } from '@dure/common';
import { Tx, sqlRows, wonFromDb } from '@dure/database';

export type RunStatus = 'queued' | 'running' | 'done' | 'failed';

export interface SettlementRun {
  id: string;
  periodStart: string;
  periodEnd: string;
  status: RunStatus;
  progress: number;
  totals: RunTotals | null;
  error: string | null;
  requestedBy: string;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

export interface RunTotals {
  statements: number;
  jobs: number;
  grossWon: number;
  feeWon: number;
  withholdingWon: number;
  insuranceWon: number;
  netWon: number;
  payoutWon: number;
  carriedWon: number;
}

export interface Statement {
  id: string;
  runId: string;
  memberId: string;
  memberNo: string | null;
  memberName: string;
  periodStart: string;
  periodEnd: string;
  jobCount: number;
  grossWon: number;
  feeWon: number;
  /** Σ (fare − fee) on credit and prepaid jobs: what the cooperative pays the courier. */
  earningsWon: number;
  /** Σ fees on cash jobs: what the courier owes the cooperative. */
  cashFeeWon: number;
  insuranceWon: number;
  withholdingIncomeWon: number;
  withholdingLocalWon: number;
  withholdingWon: number;
  carriedWon: number;
  netWon: number;
  createdAt: Date;
}

export interface StatementLine {
  orderId: string;
  orderNo: number;
  paymentMethod: string;
  fareWon: number;
  feeWon: number;
  feeRateBps: number;
  deliveredAt: Date;
}

/** The instants a period of business dates covers: [start 00:00, day after end 00:00) in Asia/Seoul. */
export interface PeriodBounds {
  periodStart: string;
  periodEnd: string;
  from: Date;
  to: Date;
}

const RUN_COLUMNS = `id, period_start::text AS period_start, period_end::text AS period_end, status, progress, totals, error,
  requested_by, created_at, started_at, finished_at`;

const STATEMENT_COLUMNS = `s.id, s.run_id, s.member_id, m.member_no, m.name AS member_name, s.period_start::text AS period_start,
  s.period_end::text AS period_end, s.job_count, s.gross_won, s.fee_won, s.earnings_won, s.cash_fee_won, s.insurance_won,
  s.withholding_income_won, s.withholding_local_won, s.withholding_won, s.carried_won, s.net_won, s.created_at`;
/** Statements with whose they are: an office reads names and member numbers, not ids. */
const STATEMENTS = 'settlement_statement s JOIN member m ON m.id = s.member_id';

type Row = Record<string, unknown>;

function toRun(r: Row): SettlementRun {
  return {
    id: r.id as string,
    periodStart: r.period_start as string,
    periodEnd: r.period_end as string,
    status: r.status as RunStatus,
    progress: r.progress as number,
    totals: (r.totals as RunTotals | null) ?? null,
    error: (r.error as string | null) ?? null,
    requestedBy: r.requested_by as string,
    createdAt: r.created_at as Date,
    startedAt: (r.started_at as Date | null) ?? null,
    finishedAt: (r.finished_at as Date | null) ?? null,
  };
}

function toStatement(r: Row): Statement {
  const won = (k: string) => wonFromDb(r[k] as string);
  return {
    id: r.id as string,
    runId: r.run_id as string,
    memberId: r.member_id as string,
    memberNo: r.member_no as string | null,
    memberName: r.member_name as string,
    periodStart: r.period_start as string,
    periodEnd: r.period_end as string,
    jobCount: r.job_count as number,
    grossWon: won('gross_won'),
    feeWon: won('fee_won'),
    earningsWon: won('earnings_won'),
    cashFeeWon: won('cash_fee_won'),
    insuranceWon: won('insurance_won'),
    withholdingIncomeWon: won('withholding_income_won'),
    withholdingLocalWon: won('withholding_local_won'),
    withholdingWon: won('withholding_won'),
    carriedWon: won('carried_won'),
    netWon: won('net_won'),
    createdAt: r.created_at as Date,
  };
}

/** Settlement is SQL over sets: statements, lines, ledger postings and payouts per chunk of members. */
@Injectable()
export class SettlementRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The run of exactly this period, created if absent; null when another run overlaps it. */
  async createOrFindRun(tx: Tx, periodStart: string, periodEnd: string, requestedBy: string): Promise<{ run: SettlementRun; created: boolean } | null> {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext('settlement-runs'))`);
    const existing = await sqlRows<Row>(tx, `SELECT ${RUN_COLUMNS} FROM settlement_run WHERE period_start = $1 AND period_end = $2`, [periodStart, periodEnd]);
    if (existing.length) return { run: toRun(existing[0]), created: false };
    const overlapping = await sqlRows(tx, `SELECT 1 FROM settlement_run WHERE daterange(period_start, period_end, '[]') && daterange($1::date, $2::date, '[]')`, [
      periodStart,
      periodEnd,
    ]);
    if (overlapping.length) return null;
    const rows = await sqlRows<Row>(
      tx,
      `INSERT INTO settlement_run (period_start, period_end, status, requested_by) VALUES ($1, $2, 'queued', $3) RETURNING ${RUN_COLUMNS}`,
      [periodStart, periodEnd, requestedBy],
    );
    return { run: toRun(rows[0]), created: true };
  }

  async findRun(id: string): Promise<SettlementRun | null> {
    const rows = await sqlRows<Row>(this.dataSource.manager, `SELECT ${RUN_COLUMNS} FROM settlement_run WHERE id = $1`, [id]);
    return rows[0] ? toRun(rows[0]) : null;
  }

  async listRuns(page: PageRequest): Promise<Page<SettlementRun>> {
    const rows = await sqlRows<Row>(this.dataSource.manager, `SELECT ${RUN_COLUMNS} FROM settlement_run ORDER BY period_start DESC LIMIT $1 OFFSET $2`, [
      page.limit,
      pageOffset(page),
    ]);
    const total = await sqlRows<{ n: string }>(this.dataSource.manager, `SELECT count(*) AS n FROM settlement_run`);
    return toPage(rows.map(toRun), Number(total[0].n), page);
  }

  async markRunning(id: string, at: Date): Promise<void> {
    await this.dataSource.query(
      `UPDATE settlement_run SET status = 'running', started_at = coalesce(started_at, $2), error = NULL WHERE id = $1 AND status <> 'done'`,
      [id, at],
    );
  }

  async setProgress(id: string, progress: number): Promise<void> {
    // A second execution of a run that has meanwhile finished must not move it back.
    await this.dataSource.query(`UPDATE settlement_run SET progress = greatest(progress, $2) WHERE id = $1 AND status <> 'done'`, [id, progress]);
  }

  async markDone(id: string, totals: RunTotals, at: Date): Promise<void> {
    await this.dataSource.query(`UPDATE settlement_run SET status = 'done', progress = 100, totals = $2, finished_at = $3 WHERE id = $1`, [id, JSON.stringify(totals), at]);
  }

  async markFailed(id: string, error: string): Promise<void> {
    await this.dataSource.query(`UPDATE settlement_run SET status = 'failed', error = $2 WHERE id = $1 AND status <> 'done'`, [id, error.slice(0, 2000)]);
  }

  /**
   * Who gets a statement: couriers with deliveries in the period, with unsettled
   * deductions, or whose last statement before it ended negative (the carry).
   */
  async membersToSettle(b: PeriodBounds): Promise<string[]> {
    const rows = await sqlRows<{ member_id: string }>(
      this.dataSource.manager,
      `SELECT member_id FROM (
         SELECT DISTINCT assigned_member_id AS member_id FROM delivery_order
          WHERE status = 'delivered' AND delivered_at >= $1 AND delivered_at < $2
         UNION
         SELECT member_id FROM payroll_deduction WHERE statement_id IS NULL AND charged_on <= $4
         UNION
         SELECT s.member_id FROM settlement_statement s
          WHERE s.net_won < 0 AND s.period_end < $3
            AND NOT EXISTS (SELECT 1 FROM settlement_statement n WHERE n.member_id = s.member_id AND n.period_end > s.period_end AND n.period_end < $3)
       ) m ORDER BY member_id`,
      [b.from, b.to, b.periodStart, b.periodEnd],
    );
    return rows.map((r) => r.member_id);
  }

  /**
   * One chunk of members, in the caller's transaction: statements (those that exist are
   * skipped, which makes a re-run or a concurrent run harmless), their lines, the
   * deductions they take, their ledger postings and their payouts.
   */
  async settleChunk(tx: Tx, runId: string, b: PeriodBounds, memberIds: string[]): Promise<number> {
    const created = await sqlRows<{ id: string }>(
      tx,
      `INSERT INTO settlement_statement (run_id, member_id, period_start, period_end, job_count, gross_won, fee_won, earnings_won,
         cash_fee_won, insurance_won, withholding_income_won, withholding_local_won, withholding_won, carried_won, net_won)
       SELECT $1, m.member_id, $4::date, $5::date, j.n, j.gross, j.fee, j.earn, j.cash_fee, d.ins, w.income, w.local, w.income + w.local, c.carried,
              j.earn - j.cash_fee - d.ins - (w.income + w.local) + c.carried
         FROM unnest($6::uuid[]) AS m(member_id)
         CROSS JOIN LATERAL (
           SELECT count(*)::int AS n,
                  coalesce(sum(fare_won), 0)::bigint AS gross,
                  coalesce(sum(fee_won), 0)::bigint AS fee,
                  coalesce(sum(fare_won - fee_won) FILTER (WHERE payment_method <> 'cash'), 0)::bigint AS earn,
                  coalesce(sum(fee_won) FILTER (WHERE payment_method = 'cash'), 0)::bigint AS cash_fee
             FROM delivery_order o
            WHERE o.assigned_member_id = m.member_id AND o.status = 'delivered' AND o.delivered_at >= $2 AND o.delivered_at < $3) j
         CROSS JOIN LATERAL (
           SELECT coalesce(sum(amount_won), 0)::bigint AS ins FROM payroll_deduction
            WHERE member_id = m.member_id AND statement_id IS NULL AND charged_on <= $5::date) d
         CROSS JOIN LATERAL (
           SELECT coalesce((SELECT least(s.net_won, 0) FROM settlement_statement s
                             WHERE s.member_id = m.member_id AND s.period_end < $4::date
                             ORDER BY s.period_end DESC LIMIT 1), 0)::bigint AS carried) c
         -- Withholding on credit and prepaid earnings: 3%, then 10% of that, each truncated to 10 won.
         CROSS JOIN LATERAL (SELECT (j.earn * 3 / 1000) * 10 AS income) w0
         CROSS JOIN LATERAL (SELECT w0.income, (w0.income / 100) * 10 AS local) w
       ON CONFLICT (member_id, period_start) DO NOTHING
       RETURNING id`,
      [runId, b.from, b.to, b.periodStart, b.periodEnd, memberIds],
    );
    if (created.length === 0) return 0;
    const ids = created.map((r) => r.id);
    await tx.query(
      `INSERT INTO settlement_line (order_id, statement_id, payment_method, fare_won, fee_won, fee_rate_bps, delivered_at)
       SELECT o.id, s.id, o.payment_method, o.fare_won, o.fee_won, coalesce(o.fee_rate_bps, 0), o.delivered_at
         FROM settlement_statement s
         JOIN delivery_order o ON o.assigned_member_id = s.member_id AND o.status = 'delivered' AND o.delivered_at >= $2 AND o.delivered_at < $3
        WHERE s.id = ANY($1::uuid[])`,
      [ids, b.from, b.to],
    );
    await tx.query(
      `UPDATE payroll_deduction d SET statement_id = s.id
         FROM settlement_statement s
        WHERE s.id = ANY($1::uuid[]) AND d.member_id = s.member_id AND d.statement_id IS NULL AND d.charged_on <= $2::date`,
      [ids, b.periodEnd],
    );
    // One ledger transaction per statement (its id is the statement's): the cash-job fees
    // offset against what is owed to the courier, then the withholding and the premiums.
    await tx.query(
      `INSERT INTO ledger_transaction (id, kind, occurred_at, ref_type, ref_id, memo)
       SELECT id, 'settlement', $2, 'statement', id::text, 'settlement ' || period_start || ' ~ ' || period_end
         FROM settlement_statement WHERE id = ANY($1::uuid[]) AND (cash_fee_won > 0 OR withholding_won > 0 OR insurance_won > 0)`,
      [ids, b.to],
    );
    await tx.query(
      `INSERT INTO ledger_entry (transaction_id, account, party_id, debit_won, credit_won)
       SELECT id, 'courier_payable', member_id, cash_fee_won + withholding_won + insurance_won, 0
         FROM settlement_statement WHERE id = ANY($1::uuid[]) AND cash_fee_won + withholding_won + insurance_won > 0
       UNION ALL
       SELECT id, 'courier_receivable', member_id, 0, cash_fee_won FROM settlement_statement WHERE id = ANY($1::uuid[]) AND cash_fee_won > 0
       UNION ALL
       SELECT id, 'withholding_tax_payable', NULL, 0, withholding_won FROM settlement_statement WHERE id = ANY($1::uuid[]) AND withholding_won > 0
       UNION ALL
       SELECT id, 'insurance_premium_payable', member_id, 0, insurance_won FROM settlement_statement WHERE id = ANY($1::uuid[]) AND insurance_won > 0`,
      [ids],
    );
    await tx.query(
      `INSERT INTO payout (statement_id, run_id, member_id, amount_won, status)
       SELECT id, run_id, member_id, net_won, 'pending' FROM settlement_statement WHERE id = ANY($1::uuid[]) AND net_won > 0`,
      [ids],
    );
    return ids.length;
  }

  async runTotals(runId: string): Promise<RunTotals> {
    const rows = await sqlRows<Row>(
      this.dataSource.manager,
      `SELECT count(*)::int AS statements, coalesce(sum(job_count), 0)::int AS jobs,
              coalesce(sum(gross_won), 0) AS gross, coalesce(sum(fee_won), 0) AS fee,
              coalesce(sum(withholding_won), 0) AS withholding, coalesce(sum(insurance_won), 0) AS insurance,
              coalesce(sum(net_won), 0) AS net,
              coalesce(sum(net_won) FILTER (WHERE net_won > 0), 0) AS payout,
              coalesce(sum(net_won) FILTER (WHERE net_won < 0), 0) AS carried
         FROM settlement_statement WHERE run_id = $1`,
      [runId],
    );
    const r = rows[0];
    const won = (k: string) => wonFromDb(r[k] as string);
    return {
      statements: r.statements as number,
      jobs: r.jobs as number,
      grossWon: won('gross'),
      feeWon: won('fee'),
      withholdingWon: won('withholding'),
      insuranceWon: won('insurance'),
      netWon: won('net'),
      payoutWon: won('payout'),
      carriedWon: won('carried'),
    };
  }

  async statements(filter: { memberId?: string; periodStart?: string; runId?: string }, page: PageRequest): Promise<Page<Statement>> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.memberId) where.push(`s.member_id = $${params.push(filter.memberId)}`);
    if (filter.periodStart) where.push(`s.period_start = $${params.push(filter.periodStart)}`);
    if (filter.runId) where.push(`s.run_id = $${params.push(filter.runId)}`);
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const rows = await sqlRows<Row>(
      this.dataSource.manager,
      `SELECT ${STATEMENT_COLUMNS} FROM ${STATEMENTS} ${clause} ORDER BY s.period_start DESC, m.member_no NULLS LAST, s.member_id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, page.limit, pageOffset(page)],
    );
    const total = await sqlRows<{ n: string }>(this.dataSource.manager, `SELECT count(*) AS n FROM settlement_statement s ${clause}`, params);
    return toPage(rows.map(toStatement), Number(total[0].n), page);
  }

  /** A statement of this member; another member's is as good as missing. */
  async statementForMember(memberId: string, id: string): Promise<Statement | null> {
    const rows = await sqlRows<Row>(this.dataSource.manager, `SELECT ${STATEMENT_COLUMNS} FROM ${STATEMENTS} WHERE s.id = $1 AND s.member_id = $2`, [id, memberId]);
    return rows[0] ? toStatement(rows[0]) : null;
  }

  async statement(id: string): Promise<Statement | null> {
    const rows = await sqlRows<Row>(this.dataSource.manager, `SELECT ${STATEMENT_COLUMNS} FROM ${STATEMENTS} WHERE s.id = $1`, [id]);
    return rows[0] ? toStatement(rows[0]) : null;
  }

  async lines(statementId: string): Promise<StatementLine[]> {
    const rows = await sqlRows<Row>(
      this.dataSource.manager,
      `SELECT l.order_id, o.order_no, l.payment_method, l.fare_won, l.fee_won, l.fee_rate_bps, l.delivered_at
         FROM settlement_line l JOIN delivery_order o ON o.id = l.order_id
        WHERE l.statement_id = $1 ORDER BY l.delivered_at, o.order_no`,
      [statementId],
    );
    return rows.map((r) => ({
      orderId: r.order_id as string,
      orderNo: Number(r.order_no),
      paymentMethod: r.payment_method as string,
      fareWon: wonFromDb(r.fare_won as string),
      feeWon: wonFromDb(r.fee_won as string),
      feeRateBps: r.fee_rate_bps as number,
      deliveredAt: r.delivered_at as Date,
    }));
  }
}
