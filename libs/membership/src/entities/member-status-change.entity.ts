import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { MemberStatus } from './member.entity';

@Entity('member_status_change')
export class MemberStatusChange {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  @Column('uuid') memberId: string;
  @Column({ type: 'text', nullable: true }) fromStatus: MemberStatus | null;
  @Column('text') toStatus: MemberStatus;
  @Column({ type: 'text', nullable: true }) reason: string | null;
  @Column({ type: 'date', nullable: true }) effectiveOn: string | null;
  @Column('text') actorType: string;
  @Column('text') actorId: string;
  @Column('timestamptz') at: Date;
}
