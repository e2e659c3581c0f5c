import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Tx, wonFromDb } from '@dure/database';
import { ShareCapitalEntry, ShareRefund } from '../entities/share-capital-entry.entity';

export interface ShareCapitalTotals {
  paidInWon: number;
  refundedWon: number;
  balanceWon: number;
}

@Injectable()
export class ShareCapitalRepository {
  constructor(private readonly dataSource: DataSource) {}

  async totals(memberId: string, tx?: Tx): Promise<ShareCapitalTotals> {
    const rows: { paid: string; refunded: string }[] = await (tx ?? this.dataSource.manager).query(
      `SELECT coalesce(sum(amount_won) FILTER (WHERE kind = 'payment'), 0) AS paid,
              coalesce(sum(amount_won) FILTER (WHERE kind = 'refund'), 0) AS refunded
         FROM share_capital_entry WHERE member_id = $1`,
      [memberId],
    );
    const paidInWon = wonFromDb(rows[0].paid);
    const refundedWon = wonFromDb(rows[0].refunded);
    return { paidInWon, refundedWon, balanceWon: paidInWon - refundedWon };
  }

  entries(memberId: string): Promise<ShareCapitalEntry[]> {
    return this.dataSource
      .getRepository(ShareCapitalEntry)
      .find({ where: { memberId }, order: { paidOn: 'ASC', createdAt: 'ASC' } });
  }

  async insert(tx: Tx, entry: Omit<ShareCapitalEntry, 'createdAt'>): Promise<ShareCapitalEntry> {
    await tx.getRepository(ShareCapitalEntry).insert(entry);
    return tx.getRepository(ShareCapitalEntry).findOneByOrFail({ id: entry.id });
  }

  refund(memberId: string, tx?: Tx): Promise<ShareRefund | null> {
    return (tx ?? this.dataSource.manager).getRepository(ShareRefund).findOneBy({ memberId });
  }

  async scheduleRefund(tx: Tx, memberId: string, amountWon: number, dueOn: string): Promise<void> {
    await tx.query(
      `INSERT INTO share_refund (member_id, amount_won, due_on, status) VALUES ($1, $2, $3, 'scheduled')
       ON CONFLICT (member_id) DO UPDATE SET amount_won = EXCLUDED.amount_won, due_on = EXCLUDED.due_on, status = 'scheduled', paid_at = NULL`,
      [memberId, amountWon, dueOn],
    );
  }

  async markRefundPaid(tx: Tx, memberId: string, at: Date): Promise<void> {
    await tx.query(`UPDATE share_refund SET status = 'paid', paid_at = $2 WHERE member_id = $1 AND status = 'scheduled'`, [
      memberId,
      at,
    ]);
  }
}
