import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { VehicleTariff, VehicleType } from '../pricing/pricing';

@Entity('pricing_rule_set')
export class PricingRuleSet {
  @PrimaryColumn('uuid') id: string;
  @Column('timestamptz') effectiveFrom: Date;
  @Column('jsonb') vehicles: Record<VehicleType, VehicleTariff>;
  @Column('int') roadFactorBps: number;
  @Column('int') expressSurchargeBps: number;
  @Column('int') nightSurchargeBps: number;
  @Column('int') weekendSurchargeBps: number;
  @Column('int') roundingUnitWon: number;
  @Column({ type: 'text', nullable: true }) note: string | null;
  @Column('text') createdBy: string;
  @Column('timestamptz') createdAt: Date;
}
