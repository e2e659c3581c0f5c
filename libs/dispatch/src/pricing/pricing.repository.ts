import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Tx, isUniqueViolation } from '@dure/database';
import { PricingRuleSet } from '../entities/pricing-rule-set.entity';
import { DispatchErrors } from '../dispatch.errors';

@Injectable()
export class PricingRepository {
  constructor(private readonly dataSource: DataSource) {}

  all(): Promise<PricingRuleSet[]> {
    return this.dataSource.getRepository(PricingRuleSet).find({ order: { effectiveFrom: 'ASC' } });
  }

  async insert(tx: Tx, ruleSet: Omit<PricingRuleSet, 'createdAt'>): Promise<PricingRuleSet> {
    try {
      await tx.getRepository(PricingRuleSet).insert(ruleSet);
    } catch (err) {
      if (isUniqueViolation(err, 'uq_pricing_rule_set_effective_from')) throw DispatchErrors.pricingDateTaken();
      throw err;
    }
    return tx.getRepository(PricingRuleSet).findOneByOrFail({ id: ruleSet.id });
  }
}
