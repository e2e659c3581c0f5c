import { Inject, Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '@dure/config';
import { ActionContext, Clock, Page, PageRequest, isCalendarDate, seoulDate, seoulStartOfDay, toSeoulIso } from '@dure/common';
import { TransactionRunner } from '@dure/database';
import { JobName, OutboxRepository } from '@dure/queue';
import { AuditLogRepository } from '@dure/membership';
import { BillingErrors } from '../billing.errors';
import { PeriodBounds, RunTotals, SettlementRepository, SettlementRun, Statement, StatementLine } from './settlement.repository';

const MAX_PERIOD_DAYS = 31;

export interface RunView {
  id: string;
  periodStart: string;
  periodEnd: string;
  status: SettlementRun['status'];
  progress: number;
  totals: RunTotals | null;
  error: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

/** A statement as the API shows it: the stored one without its bookkeeping timestamp. */
export type StatementView = Omit<Statement, 'createdAt'>;

export interface StatementLineView {
  orderId: string;
  orderNo: number;
  paymentMethod: string;
  fareWon: number;
  feeWon: number;
  feeRateBps: number;
  netWon: number;
  deliveredAt: string;
}

export interface StatementDetailView extends StatementView {
  lines: StatementLineView[];
}

export const toRunView = (r: SettlementRun): RunView => ({
  id: r.id,
  periodStart: r.periodStart,
  periodEnd: r.periodEnd,
  status: r.status,
  progress: r.progress,
  totals: r.totals,
  error: r.error,
  createdAt: toSeoulIso(r.createdAt),
  startedAt: r.startedAt ? toSeoulIso(r.startedAt) : null,
  finishedAt: r.finishedAt ? toSeoulIso(r.finishedAt) : null,
});

export const toStatementView = (s: Statement): StatementView => {
  const { createdAt: _c, ...rest } = s;
  return rest;
};

/** What one line contributes to the net: fare − fee paid out, or the fee owed on a cash job. */
export const toLineView = (l: StatementLine): StatementLineView => ({
  ...l,
  netWon: l.paymentMethod === 'cash' ? -l.feeWon : l.fareWon - l.feeWon,
  deliveredAt: toSeoulIso(l.deliveredAt),
});

export function periodBounds(periodStart: string, periodEnd: string): PeriodBounds {
  const from = seoulStartOfDay(periodStart);
  const to = new Date(seoulStartOfDay(periodEnd).getTime() + 86_400_000);
  return { periodStart, periodEnd, from, to };
}

/** Monday to Sunday (Asia/Seoul) of the week before the one `now` falls in. */
export function previousWeek(now: Date): { periodStart: string; periodEnd: string } {
  const today = seoulStartOfDay(seoulDate(now));
  const weekday = (new Date(today.getTime() + 9 * 3600_000).getUTCDay() + 6) % 7; // Monday = 0
  const thisMonday = new Date(today.getTime() - weekday * 86_400_000);
  const lastMonday = new Date(thisMonday.getTime() - 7 * 86_400_000);
  const lastSunday = new Date(thisMonday.getTime() - 86_400_000);
  return { periodStart: seoulDate(lastMonday), periodEnd: seoulDate(lastSunday) };
}

/**
 * Settlement runs: requested by staff or by the weekly schedule, executed by the worker
 * chunk by chunk. Each chunk is one transaction whose statements are keyed by (member,
 * period), so a run that crashed resumes where it stopped and two executions of one run
 * produce one set of statements.
 */
@Injectable()
export class SettlementService {
  private readonly log = new Logger(SettlementService.name);

  constructor(
    private readonly settlements: SettlementRepository,
    private readonly outbox: OutboxRepository,
    private readonly audit: AuditLogRepository,
    private readonly tx: TransactionRunner,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  /** Queues a run for a past period; the same period again answers with the same run. */
  async request(periodStart: string, periodEnd: string, ctx: ActionContext): Promise<{ runId: string; status: SettlementRun['status']; created: boolean }> {
    if (!isCalendarDate(periodStart) || !isCalendarDate(periodEnd)) throw BillingErrors.invalidPeriod('dates must be YYYY-MM-DD');
    if (periodEnd < periodStart) throw BillingErrors.invalidPeriod('periodEnd is before periodStart');
    const days = (seoulStartOfDay(periodEnd).getTime() - seoulStartOfDay(periodStart).getTime()) / 86_400_000 + 1;
    if (days > MAX_PERIOD_DAYS) throw BillingErrors.invalidPeriod(`a period is at most ${MAX_PERIOD_DAYS} days`);
    if (periodEnd >= seoulDate(this.clock.now())) throw BillingErrors.invalidPeriod('the period must have ended (periodEnd before today)');
    const result = await this.tx.run(async (tx) => {
      const found = await this.settlements.createOrFindRun(tx, periodStart, periodEnd, ctx.actor.id);
      if (!found) throw BillingErrors.periodOverlaps();
      if (found.created) {
        await this.outbox.publish(tx, JobName.SettlementRun, { runId: found.run.id });
        await this.audit.record(tx, ctx, this.clock.now(), {
          action: 'settlement.request',
          targetType: 'settlement_run',
          targetId: found.run.id,
          details: { periodStart, periodEnd },
        });
      }
      return found;
    });
    return { runId: result.run.id, status: result.run.status, created: result.created };
  }

  async run(id: string): Promise<RunView> {
    const run = await this.settlements.findRun(id);
    if (!run) throw BillingErrors.runNotFound(id);
    return toRunView(run);
  }

  async runs(page: PageRequest): Promise<Page<RunView>> {
    const result = await this.settlements.listRuns(page);
    return { ...result, items: result.items.map(toRunView) };
  }

  /**
   * Executes a run (the worker's job). `afterChunk` lets a test stop it halfway, as a
   * crash would.
   */
  async execute(runId: string, options: { afterChunk?: (index: number) => void | Promise<void> } = {}): Promise<RunTotals> {
    const run = await this.settlements.findRun(runId);
    if (!run) throw BillingErrors.runNotFound(runId);
    if (run.status === 'done' && run.totals) return run.totals;
    await this.settlements.markRunning(runId, this.clock.now());
    try {
      const bounds = periodBounds(run.periodStart, run.periodEnd);
      const members = await this.settlements.membersToSettle(bounds);
      const size = this.config.billing.settlementChunkMembers;
      const chunks = Math.max(1, Math.ceil(members.length / size));
      // Chunks touch disjoint members, so a few run side by side (one database backend
      // each); after a failure no new chunk starts, and those under way finish first.
      let next = 0;
      let done = 0;
      let failure: unknown;
      const lane = async () => {
        while (failure === undefined && next < chunks) {
          const i = next++;
          try {
            const chunk = members.slice(i * size, (i + 1) * size);
            if (chunk.length) await this.tx.run((tx) => this.settlements.settleChunk(tx, runId, bounds, chunk));
            await this.settlements.setProgress(runId, Math.floor((++done * 99) / chunks));
            await options.afterChunk?.(i);
          } catch (err) {
            failure ??= err;
          }
        }
      };
      await Promise.all(Array.from({ length: Math.min(this.config.billing.settlementConcurrency, chunks) }, lane));
      if (failure !== undefined) throw failure;
      const totals = await this.settlements.runTotals(runId);
      await this.settlements.markDone(runId, totals, this.clock.now());
      this.log.log(`settled ${run.periodStart} ~ ${run.periodEnd}: ${totals.statements} statements, ${totals.jobs} jobs`);
      return totals;
    } catch (err) {
      await this.settlements.markFailed(runId, err instanceof Error ? err.message : String(err));
      throw err;
    }
  }

  /** The weekly schedule: last Monday to Sunday, if not settled yet. */
  async requestPreviousWeek(ctx: ActionContext): Promise<{ runId: string; created: boolean }> {
    const { periodStart, periodEnd } = previousWeek(this.clock.now());
    const { runId, created } = await this.request(periodStart, periodEnd, ctx);
    return { runId, created };
  }

  async statements(filter: { memberId?: string; periodStart?: string; runId?: string }, page: PageRequest): Promise<Page<StatementView>> {
    const result = await this.settlements.statements(filter, page);
    return { ...result, items: result.items.map(toStatementView) };
  }

  async statementForCourier(memberId: string, id: string): Promise<StatementDetailView> {
    const s = await this.settlements.statementForMember(memberId, id);
    if (!s) throw BillingErrors.statementNotFound(id);
    return { ...toStatementView(s), lines: (await this.settlements.lines(id)).map(toLineView) };
  }

  async statementDetail(id: string): Promise<StatementDetailView> {
    const s = await this.settlements.statement(id);
    if (!s) throw BillingErrors.statementNotFound(id);
    return { ...toStatementView(s), lines: (await this.settlements.lines(id)).map(toLineView) };
  }
}
