import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Tx, sqlRows, wonFromDb } from '@dure/database';
import { Posting, balancedEntries } from './accounts';

export interface AccountBalance {
  account: string;
  partyId?: string | null;
  debitWon: number;
  creditWon: number;
  balanceWon: number;
}

@Injectable()
export class LedgerRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Posts a balanced transaction in the caller's database transaction. A posting is keyed
   * by (kind, refType, refId): posting the same thing twice is a no-op.
   */
  async post(tx: Tx, posting: Posting): Promise<boolean> {
    const entries = balancedEntries(posting);
    if (entries.length === 0) return false;
    const id = randomUUID();
    const created = await sqlRows(
      tx,
      `INSERT INTO ledger_transaction (id, kind, occurred_at, ref_type, ref_id, memo) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (kind, ref_type, ref_id) DO NOTHING RETURNING 1`,
      [id, posting.kind, posting.occurredAt, posting.refType, posting.refId, posting.memo ?? null],
    );
    if (created.length === 0) return false;
    await tx.query(
      `INSERT INTO ledger_entry (transaction_id, account, party_id, debit_won, credit_won)
       SELECT $1, * FROM unnest($2::text[], $3::uuid[], $4::bigint[], $5::bigint[])`,
      [id, entries.map((e) => e.account), entries.map((e) => e.partyId ?? null), entries.map((e) => e.debitWon ?? 0), entries.map((e) => e.creditWon ?? 0)],
    );
    return true;
  }

  async balances(byParty: boolean): Promise<AccountBalance[]> {
    const rows = await sqlRows<{ account: string; party_id: string | null; debit: string; credit: string }>(
      this.dataSource.manager,
      byParty
        ? `SELECT account, party_id, sum(debit_won) AS debit, sum(credit_won) AS credit FROM ledger_entry GROUP BY account, party_id ORDER BY account, party_id`
        : `SELECT account, NULL AS party_id, sum(debit_won) AS debit, sum(credit_won) AS credit FROM ledger_entry GROUP BY account ORDER BY account`,
    );
    return rows.map((r) => {
      const debitWon = wonFromDb(r.debit);
      const creditWon = wonFromDb(r.credit);
      return { account: r.account, ...(byParty ? { partyId: r.party_id } : {}), debitWon, creditWon, balanceWon: debitWon - creditWon };
    });
  }
}
