import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { ActionContext, Clock, toSeoulIso } from '@dure/common';
import { AuditLogRepository } from '@dure/membership';
import { TransactionRunner } from '@dure/database';
import type { PricingRuleSet } from '../entities/pricing-rule-set.entity';
import { DispatchErrors } from '../dispatch.errors';
import { PricingRepository } from './pricing.repository';
import { Point, Quote, RuleSet, Urgency, VehicleTariff, VehicleType, quote } from './pricing';

/** Rule sets change rarely and only from a future moment, so each process keeps them briefly. */
const CACHE_MS = 5000;

export interface RuleSetInput {
  effectiveFrom: string;
  vehicles: Record<VehicleType, VehicleTariff>;
  roadFactorBps: number;
  expressSurchargeBps: number;
  nightSurchargeBps: number;
  weekendSurchargeBps: number;
  roundingUnitWon: number;
  note?: string;
}

export interface RuleSetView extends Omit<RuleSetInput, 'effectiveFrom'> {
  id: string;
  effectiveFrom: string;
  note?: string;
  createdBy: string;
  createdAt: string;
}

export function toRuleSetView(r: PricingRuleSet): RuleSetView {
  return {
    id: r.id,
    effectiveFrom: toSeoulIso(r.effectiveFrom),
    vehicles: r.vehicles,
    roadFactorBps: r.roadFactorBps,
    expressSurchargeBps: r.expressSurchargeBps,
    nightSurchargeBps: r.nightSurchargeBps,
    weekendSurchargeBps: r.weekendSurchargeBps,
    roundingUnitWon: r.roundingUnitWon,
    note: r.note ?? undefined,
    createdBy: r.createdBy,
    createdAt: toSeoulIso(r.createdAt),
  };
}

@Injectable()
export class PricingService {
  private cached: { at: number; sets: RuleSet[] } | undefined;

  constructor(
    private readonly rules: PricingRepository,
    private readonly audit: AuditLogRepository,
    private readonly tx: TransactionRunner,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  /** The fare of a trip at `at` (now by default) under the rule set in force then. */
  async quote(input: { pickup: Point; dropoff: Point; vehicleType: VehicleType; urgency: Urgency; at?: Date }): Promise<Quote> {
    const at = input.at ?? this.clock.now();
    const ruleSet = await this.inForceAt(at);
    return quote(ruleSet, input.pickup, input.dropoff, input.vehicleType, input.urgency, at);
  }

  async inForceAt(at: Date): Promise<RuleSet> {
    const sets = await this.ruleSets();
    let found: RuleSet | undefined;
    for (const s of sets) if (s.effectiveFrom.getTime() <= at.getTime()) found = s;
    if (!found) throw DispatchErrors.noPricing();
    return found;
  }

  async history(): Promise<RuleSetView[]> {
    return (await this.rules.all()).map(toRuleSetView);
  }

  /** Adds a rule set from now or a future moment; the past is never rewritten. */
  async add(input: RuleSetInput, ctx: ActionContext): Promise<RuleSetView> {
    const effectiveFrom = new Date(input.effectiveFrom);
    if (effectiveFrom.getTime() < this.clock.now().getTime() - 60_000) {
      throw DispatchErrors.invalid('DISPATCH.PRICING_IN_THE_PAST', 'A rule set cannot start in the past', [
        { field: 'effectiveFrom', reason: 'must not be in the past' },
      ]);
    }
    const created = await this.tx.run(async (tx) => {
      const row = await this.rules.insert(tx, {
        id: randomUUID(),
        effectiveFrom,
        vehicles: input.vehicles,
        roadFactorBps: input.roadFactorBps,
        expressSurchargeBps: input.expressSurchargeBps,
        nightSurchargeBps: input.nightSurchargeBps,
        weekendSurchargeBps: input.weekendSurchargeBps,
        roundingUnitWon: input.roundingUnitWon,
        note: input.note ?? null,
        createdBy: ctx.actor.id,
      });
      await this.audit.record(tx, ctx, this.clock.now(), {
        action: 'pricing.add-rule-set',
        targetType: 'pricing_rule_set',
        targetId: row.id,
        details: { effectiveFrom: input.effectiveFrom },
      });
      return row;
    });
    this.cached = undefined;
    return toRuleSetView(created);
  }

  private async ruleSets(): Promise<RuleSet[]> {
    if (this.cached && Date.now() - this.cached.at < CACHE_MS) return this.cached.sets;
    const sets = (await this.rules.all()).map((r) => ({ ...r }));
    this.cached = { at: Date.now(), sets };
    return sets;
  }
}
