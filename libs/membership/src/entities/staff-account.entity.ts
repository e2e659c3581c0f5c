import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { StaffRole } from '@dure/common';

@Entity('staff_account')
export class StaffAccount {
  @PrimaryColumn('uuid') id: string;
  @Column('text') login: string;
  @Column('text') name: string;
  @Column('text') passwordHash: string;
  @Column('text', { array: true }) roles: StaffRole[];
  @Column('boolean') active: boolean;
  @Column('timestamptz') createdAt: Date;
  @Column('timestamptz') updatedAt: Date;
}
