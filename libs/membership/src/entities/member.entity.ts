import { Column, Entity, PrimaryColumn } from 'typeorm';

export type MemberStatus = 'applicant' | 'active' | 'suspended' | 'withdrawn' | 'rejected';
export const MEMBER_STATUSES: readonly MemberStatus[] = ['applicant', 'active', 'suspended', 'withdrawn', 'rejected'];
export type VehicleType = 'motorcycle' | 'damas' | 'labo' | 'truck_1t';
export const VEHICLE_TYPES: readonly VehicleType[] = ['motorcycle', 'damas', 'labo', 'truck_1t'];

@Entity('member')
export class Member {
  @PrimaryColumn('uuid') id: string;
  @Column({ type: 'text', nullable: true }) memberNo: string | null;
  @Column('text') status: MemberStatus;
  @Column('text') name: string;
  @Column('text') phone: string;
  @Column('text') passwordHash: string;
  @Column('date') birthDate: string;
  @Column('text') rrnCiphertext: string;
  @Column('text') rrnKeyId: string;
  @Column('text') rrnHash: string;
  @Column('text') rrnMasked: string;
  @Column('text') vehicleType: VehicleType;
  @Column('text') bankName: string;
  @Column('text') bankAccountCiphertext: string;
  @Column('text') bankAccountKeyId: string;
  @Column('text') bankAccountMasked: string;
  @Column('text') accountHolder: string;
  @Column('timestamptz') privacyConsentedAt: Date;
  @Column('timestamptz') insuranceConsentedAt: Date;
  @Column('timestamptz') appliedAt: Date;
  @Column({ type: 'timestamptz', nullable: true }) approvedAt: Date | null;
  @Column({ type: 'date', nullable: true }) withdrawalEffectiveOn: string | null;
  @Column({ type: 'text', nullable: true }) statusReason: string | null;
  @Column('timestamptz') statusChangedAt: Date;
  @Column('timestamptz') createdAt: Date;
  @Column('timestamptz') updatedAt: Date;
}
