import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Tx, sqlRows, wonFromDb } from '@dure/database';

export interface PayoutRow {
  id: string;
  runId: string;
  statementId: string;
  memberId: string;
  memberNo: string | null;
  name: string;
  amountWon: number;
  status: 'pending' | 'paid';
  paidAt: Date | null;
}

/** What the transfer file needs of a payout; the account stays sealed until the file is written. */
export interface TransferRow {
  payoutId: string;
  amountWon: number;
  member: { id: string; memberNo: string | null; bankName: string; accountHolder: string; rrnCiphertext: string; rrnKeyId: string; bankAccountCiphertext: string; bankAccountKeyId: string };
}

type Row = Record<string, unknown>;

const SELECT = `SELECT p.id, p.run_id, p.statement_id, p.member_id, m.member_no, m.name, p.amount_won, p.status, p.paid_at
  FROM payout p JOIN member m ON m.id = p.member_id`;

const toRow = (r: Row): PayoutRow => ({
  id: r.id as string,
  runId: r.run_id as string,
  statementId: r.statement_id as string,
  memberId: r.member_id as string,
  memberNo: (r.member_no as string | null) ?? null,
  name: r.name as string,
  amountWon: wonFromDb(r.amount_won as string),
  status: r.status as 'pending' | 'paid',
  paidAt: (r.paid_at as Date | null) ?? null,
});

@Injectable()
export class PayoutRepository {
  constructor(private readonly dataSource: DataSource) {}

  async forRun(runId: string): Promise<PayoutRow[]> {
    return (await sqlRows<Row>(this.dataSource.manager, `${SELECT} WHERE p.run_id = $1 ORDER BY m.member_no NULLS LAST, p.id`, [runId])).map(toRow);
  }

  async find(id: string): Promise<PayoutRow | null> {
    const rows = await sqlRows<Row>(this.dataSource.manager, `${SELECT} WHERE p.id = $1`, [id]);
    return rows[0] ? toRow(rows[0]) : null;
  }

  async lock(tx: Tx, id: string): Promise<PayoutRow | null> {
    const rows = await sqlRows<Row>(tx, `${SELECT} WHERE p.id = $1 FOR UPDATE OF p`, [id]);
    return rows[0] ? toRow(rows[0]) : null;
  }

  async markPaid(tx: Tx, id: string, at: Date): Promise<void> {
    await tx.query(`UPDATE payout SET status = 'paid', paid_at = $2 WHERE id = $1`, [id, at]);
  }

  async transferRows(runId: string): Promise<TransferRow[]> {
    const rows = await sqlRows<Row>(
      this.dataSource.manager,
      `SELECT p.id, p.amount_won, m.id AS member_id, m.member_no, m.bank_name, m.account_holder, m.rrn_ciphertext, m.rrn_key_id,
              m.bank_account_ciphertext, m.bank_account_key_id
         FROM payout p JOIN member m ON m.id = p.member_id
        WHERE p.run_id = $1 ORDER BY m.member_no NULLS LAST, p.id`,
      [runId],
    );
    return rows.map((r) => ({
      payoutId: r.id as string,
      amountWon: wonFromDb(r.amount_won as string),
      member: {
        id: r.member_id as string,
        memberNo: (r.member_no as string | null) ?? null,
        bankName: r.bank_name as string,
        accountHolder: r.account_holder as string,
        rrnCiphertext: r.rrn_ciphertext as string,
        rrnKeyId: r.rrn_key_id as string,
        bankAccountCiphertext: r.bank_account_ciphertext as string,
        bankAccountKeyId: r.bank_account_key_id as string,
      },
    }));
  }
}
