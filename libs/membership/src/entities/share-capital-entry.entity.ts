import { Column, Entity, PrimaryColumn } from 'typeorm';
import { MoneyColumn } from '@dure/database';

export type ShareCapitalKind = 'payment' | 'refund';

@Entity('share_capital_entry')
export class ShareCapitalEntry {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid') memberId: string;
  @Column('text') kind: ShareCapitalKind;
  @MoneyColumn() amountWon: number;
  @Column('date') paidOn: string;
  @Column({ type: 'text', nullable: true }) note: string | null;
  @Column('text') recordedBy: string;
  @Column('timestamptz') createdAt: Date;
}

@Entity('share_refund')
export class ShareRefund {
  @PrimaryColumn('uuid') memberId: string;
  @MoneyColumn() amountWon: number;
  @Column('date') dueOn: string;
  @Column('text') status: 'scheduled' | 'paid';
  @Column('timestamptz') createdAt: Date;
  @Column({ type: 'timestamptz', nullable: true }) paidAt: Date | null;
}
