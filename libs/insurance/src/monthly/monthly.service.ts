import { Inject, Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '@dure/config';
import { ActionContext, Clock, seoulDate, toCsv } from '@dure/common';
import { TransactionRunner, Tx } from '@dure/database';
import { JobName, OutboxRepository } from '@dure/queue';
import { AuditLogRepository } from '@dure/membership';
import { LedgerRepository, premiumPosting } from '@dure/billing';
import { InsuranceErrors } from '../insurance.errors';
import { addDays, addMonth, monthBounds, previousMonth } from '../months';
import { PLANS, Plan, monthlyRemuneration, premiumShares, qualifies } from '../remuneration';
import { Enrollment, EnrollmentRepository } from '../enrollments/enrollment.repository';
import { EnrollmentService } from '../enrollments/enrollment.service';
import { Rate, RateRepository } from '../rates/rate.repository';
import { MemberMonth, MonthBounds, MonthSummary, MonthlyRepository, MonthlyRow, ReportRow } from './monthly.repository';

/** Members per transaction. */
const CHUNK_MEMBERS = 500;

export interface ReportLineView {
  /** 귀속월 */
  month: string;
  memberId: string;
  memberNo: string | null;
  name: string;
  plan: Plan;
  grossWon: number;
  nonTaxableWon: number;
  expenseRatioBps: number;
  /** 월 보수액 */
  remunerationWon: number;
  covered: boolean;
  workerRateBps: number;
  employerRateBps: number;
  workerShareWon: number;
  employerShareWon: number;
  /** 취득일 and 상실일 when they fall in the month, with their reasons. */
  acquiredOn: string | null;
  acquisitionReason: string | null;
  lostOn: string | null;
  lossReason: string | null;
}

const REPORT_HEADER = [
  '귀속월',
  '조합원번호',
  '성명',
  '보험',
  '총수입(원)',
  '비과세(원)',
  '필요경비율(%)',
  '월 보수액(원)',
  '적용',
  '근로자 부담(원)',
  '사업주(조합) 부담(원)',
  '취득일',
  '취득 사유',
  '상실일',
  '상실 사유',
];

const toReportLine = (r: ReportRow): ReportLineView => {
  const { rateId: _rate, ...rest } = r;
  return rest;
};

export interface MonthlyResult {
  month: string;
  /** Members during the month. */
  members: number;
  /** Member-plan rows computed by this run (0 when the month was done already). */
  computed: number;
  plans: MonthSummary[];
}

/** Cover overlaps the month: it began by its end and had not ended before its start. */
function coveredDuring(e: Enrollment | undefined, b: MonthBounds): boolean {
  if (!e || !e.coverageStart || e.status === 'rejected') return false;
  return e.coverageStart <= b.lastDay && (e.coverageEnd === null || e.coverageEnd >= b.firstDay);
}

/** A contract shorter than a month: membership that ended within a month of starting. */
function shortContract(m: MemberMonth): boolean {
  if (!m.withdrawalEffectiveOn) return false;
  return m.withdrawalEffectiveOn < addMonth(m.approvedOn);
}

/** The last day a member no longer active was a member in the month (the month's last day at most). */
function lastDayOfMembership(m: MemberMonth, b: MonthBounds): string {
  const lossDate = m.status === 'withdrawn' ? (m.withdrawalEffectiveOn ?? m.statusChangedOn) : m.statusChangedOn;
  const last = addDays(lossDate, -1);
  return last < b.lastDay ? last : b.lastDay;
}

/**
 * The monthly job (SPEC §4): for the month just ended, each member's 월 보수액 from the
 * fares delivered, each plan's shares (floored on their own), employment cover acquired
 * or lost by the threshold, the worker shares handed to settlement as deductions and the
 * cooperative's shares posted to the ledger. A (member, plan, month) is computed once:
 * running a month again changes nothing.
 */
@Injectable()
export class MonthlyService {
  private readonly log = new Logger(MonthlyService.name);

  constructor(
    private readonly monthly: MonthlyRepository,
    private readonly rates: RateRepository,
    private readonly enrollments: EnrollmentRepository,
    private readonly enrollmentService: EnrollmentService,
    private readonly ledger: LedgerRepository,
    private readonly outbox: OutboxRepository,
    private readonly audit: AuditLogRepository,
    private readonly tx: TransactionRunner,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  /** Staff ask for a month (a past one, e.g. after a correction); the worker computes it. */
  async request(month: string, ctx: ActionContext): Promise<{ month: string; status: 'queued' }> {
    this.assertOver(monthBounds(month));
    await this.tx.run(async (tx) => {
      await this.outbox.publish(tx, JobName.InsuranceMonthly, { month });
      await this.audit.record(tx, ctx, this.clock.now(), { action: 'insurance.monthly.request', targetType: 'insurance_month', targetId: month });
    });
    return { month, status: 'queued' };
  }

  /** The schedule's month: the one before today's. */
  computePreviousMonth(): Promise<MonthlyResult> {
    return this.compute(previousMonth(this.clock.now()));
  }

  async compute(month: string): Promise<MonthlyResult> {
    const b = monthBounds(month);
    this.assertOver(b);
    const members = await this.monthly.membersOf(b);
    let computed = 0;
    for (let i = 0; i < members.length; i += CHUNK_MEMBERS) {
      const { rows, changed } = await this.tx.run((tx) => this.computeChunk(tx, b, members.slice(i, i + CHUNK_MEMBERS)));
      computed += rows;
      await this.enrollmentService.invalidateProfiles(changed);
    }
    if (computed > 0) this.log.log(`insurance ${month}: ${computed} member-plan rows for ${members.length} members`);
    return { month, members: members.length, computed, plans: await this.monthly.summary(month) };
  }

  summary(month: string): Promise<MonthSummary[]> {
    monthBounds(month);
    return this.monthly.summary(month);
  }

  /** The statutory monthly report (due by the 15th of the next month): one line per member. Audited: it carries members' pay. */
  async report(month: string, plan: Plan, ctx: ActionContext, format: 'json' | 'csv' = 'json'): Promise<ReportLineView[]> {
    monthBounds(month);
    const lines = (await this.monthly.report(month, plan)).map(toReportLine);
    await this.tx.run((tx) =>
      this.audit.record(tx, ctx, this.clock.now(), {
        action: 'insurance.report.download',
        targetType: 'insurance_month',
        targetId: month,
        details: { plan, format, lines: lines.length },
      }),
    );
    return lines;
  }

  /** The report as CSV for Excel (BOM, Hangul headers). */
  async reportCsv(month: string, plan: Plan, ctx: ActionContext): Promise<{ filename: string; csv: string }> {
    const lines = await this.report(month, plan, ctx, 'csv');
    const rows = lines.map((l) => [
      l.month,
      l.memberNo,
      l.name,
      l.plan,
      l.grossWon,
      l.nonTaxableWon,
      (l.expenseRatioBps / 100).toFixed(2),
      l.remunerationWon,
      l.covered ? 'Y' : 'N',
      l.workerShareWon,
      l.employerShareWon,
      l.acquiredOn,
      l.acquisitionReason,
      l.lostOn,
      l.lossReason,
    ]);
    return { filename: `insurance-${plan}-${month}.csv`, csv: toCsv(REPORT_HEADER, rows) };
  }

  private assertOver(b: MonthBounds): void {
    if (b.month >= seoulDate(this.clock.now()).slice(0, 7)) throw InsuranceErrors.monthNotOver(b.month);
  }

  private async computeChunk(tx: Tx, b: MonthBounds, memberIds: string[]): Promise<{ rows: number; changed: string[] }> {
    await this.monthly.lockMonth(tx, b.month);
    await this.rates.lockRates(tx, 'compute');
    // Enrolments locked before members are read: a suspension handled meanwhile is seen whole.
    const enrollments = new Map<string, Enrollment>();
    for (const e of await this.enrollments.forMembersLocked(tx, memberIds)) enrollments.set(`${e.memberId}:${e.plan}`, e);
    const done = await this.monthly.computed(tx, b.month, memberIds);
    const rates = await this.rates.inForce(tx, b.firstDay);
    const facts = await this.monthly.memberMonths(tx, b, memberIds);
    const at = this.clock.now();
    const rows: MonthlyRow[] = [];
    const changed = new Set<string>();
    for (const m of facts) {
      for (const plan of PLANS) {
        const rate = rates.get(plan);
        if (!rate || done.has(`${m.memberId}:${plan}`)) continue;
        const { row, moved } = await this.computeOne(tx, b, m, rate, enrollments.get(`${m.memberId}:${plan}`), at);
        rows.push(row);
        if (moved) changed.add(m.memberId);
      }
    }
    await this.monthly.insert(tx, b.month, rows, at);
    await this.monthly.addDeductions(tx, b.month, rows, addDays(b.lastDay, 1));
    for (const r of rows) {
      if (r.employerShareWon > 0) await this.ledger.post(tx, premiumPosting({ memberId: r.memberId, month: b.month, plan: r.plan, employerShareWon: r.employerShareWon, at }));
    }
    return { rows: rows.length, changed: [...changed] };
  }

  /** One member, one plan: cover decided (and started or ended), shares computed, the month's acquisition and loss noted. */
  private async computeOne(
    tx: Tx,
    b: MonthBounds,
    m: MemberMonth,
    rate: Rate,
    current: Enrollment | undefined,
    at: Date,
  ): Promise<{ row: MonthlyRow; moved: boolean }> {
    const nonTaxableWon = 0; // fares carry no non-taxable part
    const remunerationWon = monthlyRemuneration(m.grossWon, nonTaxableWon, rate.expenseRatioBps);
    let enrollment = current;
    let moved = false;
    let covered: boolean;
    if (rate.plan === 'group_accident') {
      covered = coveredDuring(enrollment, b);
    } else if (qualifies(rate, remunerationWon, { shortContract: shortContract(m) })) {
      if (m.status === 'active') {
        const firstDay = m.approvedOn > b.firstDay ? m.approvedOn : b.firstDay;
        const started = await this.enrollmentService.start(tx, m.memberId, rate.plan, enrollment, firstDay, acquisitionReason(rate.plan, b.month), at);
        moved = started !== null;
        enrollment = started ?? enrollment;
        covered = true;
      } else if (coveredDuring(enrollment, b)) {
        // Suspended or gone now, but covered while a member.
        covered = true;
      } else {
        // Gone now, never covered this month: the month is reported as a closed cover
        // (acquired and lost together), from the first day to the last day of membership.
        const firstDay = m.approvedOn > b.firstDay ? m.approvedOn : b.firstDay;
        const lastDay = lastDayOfMembership(m, b);
        const started = await this.enrollmentService.startClosed(tx, m.memberId, rate.plan, enrollment, firstDay, lastDay, acquisitionReason(rate.plan, b.month), at);
        moved = started !== null;
        enrollment = started ?? enrollment;
        covered = started !== null;
      }
    } else {
      covered = false;
      if (rate.plan === 'employment' && enrollment) {
        const ended = await this.enrollmentService.end(tx, enrollment, addDays(b.firstDay, -1), `월 보수액 ${remunerationWon.toLocaleString('en-US')}원 < 기준 (${b.month})`, at);
        moved = ended !== null;
        enrollment = ended ?? enrollment;
      }
    }
    const lossDate = enrollment?.coverageEnd ? addDays(enrollment.coverageEnd, 1) : null;
    const acquiredThisMonth = !!enrollment?.coverageStart && enrollment.coverageStart >= b.firstDay && enrollment.coverageStart <= b.lastDay;
    const lostThisMonth = !!lossDate && lossDate >= b.firstDay && lossDate <= addDays(b.lastDay, 1);
    return {
      moved,
      row: {
        memberId: m.memberId,
        plan: rate.plan,
        rateId: rate.id,
        grossWon: m.grossWon,
        nonTaxableWon,
        expenseRatioBps: rate.expenseRatioBps,
        remunerationWon,
        workerRateBps: rate.workerRateBps,
        employerRateBps: rate.employerRateBps,
        covered,
        ...premiumShares(rate, remunerationWon, covered, this.config.insurance.premiumRounding),
        acquiredOn: acquiredThisMonth ? (enrollment?.coverageStart ?? null) : null,
        acquisitionReason: acquiredThisMonth ? (enrollment?.acquisitionReason ?? null) : null,
        lostOn: lostThisMonth ? lossDate : null,
        lossReason: lostThisMonth ? (enrollment?.lossReason ?? null) : null,
      },
    };
  }
}

function acquisitionReason(plan: Plan, month: string): string {
  return plan === 'employment' ? `월 보수액 기준 충족 (${month})` : `노무 제공 (${month})`;
}
