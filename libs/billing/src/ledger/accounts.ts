/**
 * The chart of accounts. Balances are reported as debit − credit: assets positive,
 * liabilities, income and equity negative.
 */
export enum Account {
  /** The cooperative's bank: prepaid fares in, payouts and refunds out. */
  Cash = 'cash',
  /** Credit clients owe their fares (invoiced monthly). */
  ClientReceivable = 'client_receivable',
  /** Couriers owe the fee on cash jobs (they kept the whole fare). */
  CourierReceivable = 'courier_receivable',
  /** The cooperative owes couriers fare − fee on credit and prepaid jobs. */
  CourierPayable = 'courier_payable',
  FeeRevenue = 'fee_revenue',
  WithholdingTaxPayable = 'withholding_tax_payable',
  /** Premiums owed to insurers: both shares, until they are paid. */
  InsurancePremiumPayable = 'insurance_premium_payable',
  /** The cooperative's own share of premiums. */
  InsuranceExpense = 'insurance_expense',
  ShareCapital = 'share_capital',
}

export interface Entry {
  account: Account;
  partyId?: string | null;
  debitWon?: number;
  creditWon?: number;
}

export interface Posting {
  kind: 'delivery' | 'settlement' | 'payout' | 'share_capital' | 'premium';
  occurredAt: Date;
  refType: string;
  refId: string;
  memo?: string;
  entries: Entry[];
}

export interface DeliveredJob {
  id: string;
  paymentMethod: 'cash' | 'credit' | 'prepaid';
  fareWon: number;
  feeWon: number;
  memberId: string;
  clientId: string | null;
  deliveredAt: Date;
}

/** What a delivery does to the books, by payment method (SPEC §3). */
export function deliveryPosting(job: DeliveredJob): Posting {
  const earned = job.fareWon - job.feeWon;
  const entries: Entry[] =
    job.paymentMethod === 'cash'
      ? [
          { account: Account.CourierReceivable, partyId: job.memberId, debitWon: job.feeWon },
          { account: Account.FeeRevenue, creditWon: job.feeWon },
        ]
      : [
          job.paymentMethod === 'credit'
            ? { account: Account.ClientReceivable, partyId: job.clientId, debitWon: job.fareWon }
            : { account: Account.Cash, debitWon: job.fareWon },
          { account: Account.CourierPayable, partyId: job.memberId, creditWon: earned },
          { account: Account.FeeRevenue, creditWon: job.feeWon },
        ];
  return { kind: 'delivery', occurredAt: job.deliveredAt, refType: 'order', refId: job.id, entries };
}

export function payoutPosting(p: { id: string; memberId: string; amountWon: number; paidAt: Date }): Posting {
  return {
    kind: 'payout',
    occurredAt: p.paidAt,
    refType: 'payout',
    refId: p.id,
    entries: [
      { account: Account.CourierPayable, partyId: p.memberId, debitWon: p.amountWon },
      { account: Account.Cash, creditWon: p.amountWon },
    ],
  };
}

export function shareCapitalPosting(e: { id: string; memberId: string; kind: 'payment' | 'refund'; amountWon: number; at: Date }): Posting {
  const cash: Entry = { account: Account.Cash, [e.kind === 'payment' ? 'debitWon' : 'creditWon']: e.amountWon };
  const equity: Entry = { account: Account.ShareCapital, partyId: e.memberId, [e.kind === 'payment' ? 'creditWon' : 'debitWon']: e.amountWon };
  return { kind: 'share_capital', occurredAt: e.at, refType: 'share_capital_entry', refId: e.id, entries: [cash, equity] };
}

/**
 * A member's month of one plan's premium, the cooperative's side: its share becomes an
 * expense owed to the insurer. (The worker's share is deducted at settlement.)
 */
export function premiumPosting(p: { memberId: string; month: string; plan: string; employerShareWon: number; at: Date }): Posting {
  return {
    kind: 'premium',
    occurredAt: p.at,
    refType: 'insurance_month',
    refId: `${p.memberId}:${p.month}:${p.plan}`,
    memo: `${p.plan} premium ${p.month}`,
    entries: [
      { account: Account.InsuranceExpense, partyId: p.memberId, debitWon: p.employerShareWon },
      { account: Account.InsurancePremiumPayable, partyId: p.memberId, creditWon: p.employerShareWon },
    ],
  };
}

/** Drops zero lines; refuses a posting whose two sides differ (the database would too). */
export function balancedEntries(p: Posting): Entry[] {
  const entries = p.entries.filter((e) => (e.debitWon ?? 0) > 0 || (e.creditWon ?? 0) > 0);
  const debit = entries.reduce((s, e) => s + (e.debitWon ?? 0), 0);
  const credit = entries.reduce((s, e) => s + (e.creditWon ?? 0), 0);
  if (debit !== credit) throw new Error(`Unbalanced ${p.kind} posting ${p.refId}: ${debit} ≠ ${credit}`);
  return entries;
}
