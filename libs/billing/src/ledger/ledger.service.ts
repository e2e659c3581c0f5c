import { Injectable } from '@nestjs/common';
import { AccountBalance, LedgerRepository } from './ledger.repository';

export interface LedgerBalanceView {
  accounts: AccountBalance[];
  totals: { debitWon: number; creditWon: number; balanced: boolean };
}

@Injectable()
export class LedgerService {
  constructor(private readonly ledger: LedgerRepository) {}

  /** Per account (or per account and party) and in total; the totals always match. */
  async balance(byParty = false): Promise<LedgerBalanceView> {
    const accounts = await this.ledger.balances(byParty);
    const debitWon = accounts.reduce((s, a) => s + a.debitWon, 0);
    const creditWon = accounts.reduce((s, a) => s + a.creditWon, 0);
    return { accounts, totals: { debitWon, creditWon, balanced: debitWon === creditWon } };
  }
}
