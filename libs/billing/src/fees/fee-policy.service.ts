import { Inject, Injectable } from '@nestjs/common';
import { ActionContext, Clock, seoulDate, toSeoulIso } from '@dure/common';
import { TransactionRunner, Tx } from '@dure/database';
import { AuditLogRepository } from '@dure/membership';
import { BillingErrors } from '../billing.errors';
import { FeePolicy, FeePolicyRepository } from './fee-policy.repository';

/** Policies change rarely and only from a future date; each process keeps them briefly. */
const CACHE_MS = 5000;

export interface FeePolicyView {
  id: string;
  rateBps: number;
  effectiveFrom: string;
  note: string | null;
  createdBy: string;
  createdAt: string;
}

/** The fee rate, effective-dated: history is kept, only the future is added to. */
@Injectable()
export class FeePolicyService {
  private cached: { at: number; policies: FeePolicy[] } | undefined;

  constructor(
    private readonly policies: FeePolicyRepository,
    private readonly audit: AuditLogRepository,
    private readonly tx: TransactionRunner,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async history(): Promise<FeePolicyView[]> {
    return (await this.policies.all()).map((p) => ({ ...p, createdAt: toSeoulIso(p.createdAt) }));
  }

  /**
   * The policy in force at an instant (by its Asia/Seoul business date). Inside a
   * transaction pass it, so a cache miss reads on that connection rather than a second one.
   */
  async inForceAt(at: Date, tx?: Tx): Promise<FeePolicy> {
    const day = seoulDate(at);
    let found: FeePolicy | undefined;
    for (const p of await this.cachedPolicies(tx)) if (p.effectiveFrom <= day) found = p;
    if (!found) throw BillingErrors.noPolicy();
    return found;
  }

  async add(input: { rateBps: number; effectiveFrom: string; note?: string }, ctx: ActionContext): Promise<FeePolicyView> {
    if (input.effectiveFrom <= seoulDate(this.clock.now())) throw BillingErrors.policyInThePast();
    const created = await this.tx.run(async (tx) => {
      const p = await this.policies.insert(tx, { ...input, createdBy: ctx.actor.id });
      await this.audit.record(tx, ctx, this.clock.now(), {
        action: 'fee-policy.add',
        targetType: 'fee_policy',
        targetId: p.id,
        details: { rateBps: p.rateBps, effectiveFrom: p.effectiveFrom },
      });
      return p;
    });
    this.cached = undefined;
    return { ...created, createdAt: toSeoulIso(created.createdAt) };
  }

  private async cachedPolicies(tx?: Tx): Promise<FeePolicy[]> {
    if (this.cached && Date.now() - this.cached.at < CACHE_MS) return this.cached.policies;
    const policies = await this.policies.all(tx);
    this.cached = { at: Date.now(), policies };
    return policies;
  }
}
