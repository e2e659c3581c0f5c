import { Inject, Injectable } from '@nestjs/common';
import { ActionContext, Clock, isCalendarDate, toSeoulIso } from '@dure/common';
import { TransactionRunner } from '@dure/database';
import { AuditLogRepository } from '@dure/membership';
import { InsuranceErrors } from '../insurance.errors';
import type { Plan } from '../remuneration';
import { Rate, RateInput, RateRepository } from './rate.repository';

export interface RateView extends Omit<Rate, 'createdAt'> {
  createdAt: string;
}

export interface RateRequest {
  plan: Plan;
  workerRateBps: number;
  employerRateBps: number;
  expenseRatioBps?: number;
  effectiveFrom: string;
  thresholdWon?: number;
  premiumWon?: number;
  payer?: 'cooperative' | 'member';
  source?: string;
}

/** The statutory monthly threshold of employment insurance for platform workers. */
export const EMPLOYMENT_THRESHOLD_WON = 800_000;

const toView = (r: Rate): RateView => ({ ...r, createdAt: toSeoulIso(r.createdAt) });

/**
 * Effective-dated rates per plan: worker and cooperative shares, the expense ratio, the
 * employment threshold, the group plan's flat premium. A rate may be added for any date,
 * or replaced, as long as no computed month used it: computed premiums never change.
 */
@Injectable()
export class RateService {
  constructor(
    private readonly rates: RateRepository,
    private readonly audit: AuditLogRepository,
    private readonly tx: TransactionRunner,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async list(plan?: Plan): Promise<RateView[]> {
    return (await this.rates.all(plan)).map(toView);
  }

  async set(req: RateRequest, ctx: ActionContext): Promise<{ rate: RateView; created: boolean }> {
    const input = normalize(req);
    return this.tx.run(async (tx) => {
      await this.rates.lockRates(tx, 'change');
      const used = await this.rates.computedMonthFrom(tx, input.plan, input.effectiveFrom);
      if (used) throw InsuranceErrors.rateInUse(input.plan, used);
      const at = this.clock.now();
      const { rate, created } = await this.rates.upsert(tx, input, ctx.actor.id, at);
      await this.audit.record(tx, ctx, at, {
        action: created ? 'insurance.rate.add' : 'insurance.rate.replace',
        targetType: 'insurance_rate',
        targetId: rate.id,
        details: { ...input },
      });
      return { rate: toView(rate), created };
    });
  }
}

/** Plan by plan, what a rate must say; the rest is left empty. */
function normalize(req: RateRequest): RateInput {
  if (!isCalendarDate(req.effectiveFrom)) throw InsuranceErrors.rateInvalid('effectiveFrom', 'must be a date YYYY-MM-DD');
  const base = { plan: req.plan, effectiveFrom: req.effectiveFrom, source: req.source ?? null, expenseRatioBps: req.expenseRatioBps ?? 0 };
  if (req.plan === 'group_accident') {
    if (req.premiumWon === undefined) throw InsuranceErrors.rateInvalid('premiumWon', 'is required for the group plan (a premium per member per month)');
    return { ...base, workerRateBps: 0, employerRateBps: 0, thresholdWon: null, premiumWon: req.premiumWon, payer: req.payer ?? 'cooperative' };
  }
  if (req.premiumWon !== undefined || req.payer !== undefined) throw InsuranceErrors.rateInvalid('premiumWon', 'applies only to the group plan');
  if (req.expenseRatioBps === undefined) throw InsuranceErrors.rateInvalid('expenseRatioBps', `is required for ${req.plan}`);
  return {
    ...base,
    workerRateBps: req.workerRateBps,
    employerRateBps: req.employerRateBps,
    thresholdWon: req.plan === 'employment' ? (req.thresholdWon ?? EMPLOYMENT_THRESHOLD_WON) : null,
    premiumWon: null,
    payer: null,
  };
}
