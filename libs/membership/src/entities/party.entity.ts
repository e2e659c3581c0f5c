import { Column, Entity, PrimaryColumn } from 'typeorm';

export type InsurancePlan = 'group_accident' | 'employment' | 'industrial_accident';
export const INSURANCE_PLANS: readonly InsurancePlan[] = ['group_accident', 'employment', 'industrial_accident'];

/** An insurer or the public agency: receives enrolment batches through its API key. */
@Entity('insurer')
export class Insurer {
  @PrimaryColumn('uuid') id: string;
  @Column('text') name: string;
  @Column('text', { array: true }) plans: InsurancePlan[];
  @Column('timestamptz') createdAt: Date;
}

/** A business client that places orders through its API key. */
@Entity('client')
export class Client {
  @PrimaryColumn('uuid') id: string;
  @Column('text') name: string;
  @Column('text') businessNo: string;
  @Column('boolean') creditAccount: boolean;
  @Column('timestamptz') createdAt: Date;
}

export type ApiKeyOwnerType = 'insurer' | 'client';

@Entity('api_key')
export class ApiKey {
  @PrimaryColumn('uuid') id: string;
  @Column('text') ownerType: ApiKeyOwnerType;
  @Column('uuid') ownerId: string;
  @Column('text') prefix: string;
  @Column('text') secretHash: string;
  @Column('timestamptz') createdAt: Date;
  @Column({ type: 'timestamptz', nullable: true }) revokedAt: Date | null;
  @Column({ type: 'uuid', nullable: true }) replacedBy: string | null;
  @Column({ type: 'timestamptz', nullable: true }) lastUsedAt: Date | null;
}
