import { Inject, Injectable } from '@nestjs/common';
import { ActionContext, Clock, toSeoulIso, toCsv } from '@dure/common';
import { TransactionRunner } from '@dure/database';
import { AuditLogRepository, PiiRevealService } from '@dure/membership';
import { BillingErrors } from '../billing.errors';
import { payoutPosting } from '../ledger/accounts';
import { LedgerRepository } from '../ledger/ledger.repository';
import { SettlementRepository } from '../settlement/settlement.repository';
import { PayoutRepository, PayoutRow } from './payout.repository';

export interface PayoutView extends Omit<PayoutRow, 'paidAt'> {
  paidAt: string | null;
}

const toView = (p: PayoutRow): PayoutView => ({ ...p, paidAt: p.paidAt ? toSeoulIso(p.paidAt) : null });

/** Positive nets become payouts: a bank transfer file, then "paid" posts the money out. */
@Injectable()
export class PayoutService {
  constructor(
    private readonly payouts: PayoutRepository,
    private readonly settlements: SettlementRepository,
    private readonly ledger: LedgerRepository,
    private readonly pii: PiiRevealService,
    private readonly audit: AuditLogRepository,
    private readonly tx: TransactionRunner,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async forRun(runId: string): Promise<PayoutView[]> {
    if (!(await this.settlements.findRun(runId))) throw BillingErrors.runNotFound(runId);
    return (await this.payouts.forRun(runId)).map(toView);
  }

  /**
   * The bank's transfer file for a finished run: bank, account, holder, amount, memo. The
   * account numbers are decrypted into this file only, and each download is audited.
   */
  async transferFile(runId: string, ctx: ActionContext): Promise<{ filename: string; csv: string }> {
    const run = await this.settlements.findRun(runId);
    if (!run) throw BillingErrors.runNotFound(runId);
    if (run.status !== 'done') throw BillingErrors.runNotDone(run.status);
    const rows = await this.payouts.transferRows(runId);
    const memo = (no: string | null) => `두레 정산 ${run.periodStart}~${run.periodEnd} ${no ?? ''}`.trim();
    const csv = toCsv(
      ['bank', 'account', 'holder', 'amount', 'memo'],
      rows.map((r) => [r.member.bankName, this.pii.openField(r.member, 'bankAccount'), r.member.accountHolder, r.amountWon, memo(r.member.memberNo)]),
    );
    await this.tx.run((tx) =>
      this.audit.record(tx, ctx, this.clock.now(), {
        action: 'settlement.payout-file',
        targetType: 'settlement_run',
        targetId: runId,
        details: { payouts: rows.length },
      }),
    );
    return { filename: `dure-payouts-${run.periodStart}-${run.periodEnd}.csv`, csv };
  }

  /** Confirms a transfer: posts it to the ledger. Marking a paid payout again changes nothing. */
  async markPaid(payoutId: string, ctx: ActionContext): Promise<PayoutView> {
    await this.tx.run(async (tx) => {
      const p = await this.payouts.lock(tx, payoutId);
      if (!p) throw BillingErrors.payoutNotFound(payoutId);
      if (p.status === 'paid') return;
      const now = this.clock.now();
      await this.payouts.markPaid(tx, payoutId, now);
      await this.ledger.post(tx, payoutPosting({ id: payoutId, memberId: p.memberId, amountWon: p.amountWon, paidAt: now }));
      await this.audit.record(tx, ctx, now, { action: 'payout.paid', targetType: 'payout', targetId: payoutId, details: { amountWon: p.amountWon } });
    });
    return toView((await this.payouts.find(payoutId)) as PayoutRow);
  }
}
