/** What the billing endpoints answer (apps/api/src/admin/billing.controller.ts); statements are in api/types. */
import type { Statement } from '../../api/types';
import type { PayoutStatus, RunStatus } from '../../lib/domain';

export interface FeePolicy {
  id: string;
  rateBps: number;
  effectiveFrom: string;
  note: string | null;
  createdBy: string;
  createdAt: string;
}

export interface RunTotals {
  statements: number;
  jobs: number;
  grossWon: number;
  feeWon: number;
  withholdingWon: number;
  insuranceWon: number;
  netWon: number;
  payoutWon: number;
  carriedWon: number;
}

export interface Run {
  id: string;
  periodStart: string;
  periodEnd: string;
  status: RunStatus;
  progress: number;
  totals: RunTotals | null;
  error: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface StatementLine {
  orderId: string;
  orderNo: number;
  paymentMethod: 'cash' | 'credit' | 'prepaid';
  fareWon: number;
  feeWon: number;
  feeRateBps: number;
  netWon: number;
  deliveredAt: string;
}

export interface StatementDetail extends Statement {
  lines: StatementLine[];
}

export interface Payout {
  id: string;
  runId: string;
  statementId: string;
  memberId: string;
  memberNo: string | null;
  name: string;
  amountWon: number;
  status: PayoutStatus;
  paidAt: string | null;
}

export interface BalanceLine {
  account: string;
  partyId?: string | null;
  debitWon: number;
  creditWon: number;
  balanceWon: number;
}

export interface LedgerBalance {
  accounts: BalanceLine[];
  totals: { debitWon: number; creditWon: number; balanced: boolean };
}

export interface InvoiceLine {
  orderId: string;
  orderNo: number;
  deliveredAt: string;
  pickupAddress: string;
  dropoffAddress: string;
  itemDescription: string;
  fareWon: number;
}

export interface Invoice {
  clientId: string;
  clientName: string;
  businessNo: string;
  month: string;
  jobCount: number;
  totalWon: number;
  lines: InvoiceLine[];
}

/** A statement's member as a heading names them: "김기사 (DR-2026-00001)", or the name alone before a number is given. */
export const statementMember = (s: Pick<Statement, 'memberName' | 'memberNo'>): string => (s.memberNo ? `${s.memberName} (${s.memberNo})` : s.memberName);

export const isActiveRun = (status: RunStatus | string | undefined): boolean => status === 'queued' || status === 'running';
