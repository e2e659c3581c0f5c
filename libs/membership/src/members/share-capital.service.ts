import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AppConfig } from '@dure/config';
import { ActionContext, Clock, TransactionHooks, isCalendarDate, seoulDate, toSeoulIso } from '@dure/common';
import { TransactionRunner, Tx } from '@dure/database';
import type { ShareCapitalEntry, ShareCapitalKind } from '../entities/share-capital-entry.entity';
import { MembershipErrors } from '../membership.errors';
import { AuditLogRepository } from '../audit/audit-log.repository';
import { MemberRepository } from './member.repository';
import { ShareCapitalRepository } from './share-capital.repository';
import { CourierProfileCache } from './profile-cache';

export interface ShareCapitalEntryView {
  id: string;
  kind: ShareCapitalKind;
  amountWon: number;
  paidOn: string;
  note: string | null;
  recordedBy: string;
  createdAt: string;
}

export interface ShareCapitalLedgerView {
  memberId: string;
  minimumWon: number;
  paidInWon: number;
  refundedWon: number;
  balanceWon: number;
  /** Paid-in capital still short of the minimum subscription. */
  outstandingWon: number;
  scheduledRefund: { amountWon: number; dueOn: string; status: 'scheduled' | 'paid' } | null;
  entries: ShareCapitalEntryView[];
}

/** Runs in the transaction that records a payment or refund (billing posts it to the ledger). */
@Injectable()
export class ShareCapitalHooks extends TransactionHooks<Tx, ShareCapitalEntry> {}

function toEntryView(e: ShareCapitalEntry): ShareCapitalEntryView {
  return {
    id: e.id,
    kind: e.kind,
    amountWon: e.amountWon,
    paidOn: e.paidOn,
    note: e.note,
    recordedBy: e.recordedBy,
    createdAt: toSeoulIso(e.createdAt),
  };
}

/** 출자금: each member's share capital, a ledger of payments and refunds. */
@Injectable()
export class ShareCapitalService {
  constructor(
    private readonly members: MemberRepository,
    private readonly ledger: ShareCapitalRepository,
    private readonly audit: AuditLogRepository,
    private readonly tx: TransactionRunner,
    private readonly profiles: CourierProfileCache,
    private readonly hooks: ShareCapitalHooks,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  async ledgerOf(memberId: string): Promise<ShareCapitalLedgerView> {
    const member = await this.members.findById(memberId);
    if (!member) throw MembershipErrors.memberNotFound(memberId);
    const [totals, entries, refund] = await Promise.all([
      this.ledger.totals(memberId),
      this.ledger.entries(memberId),
      this.ledger.refund(memberId),
    ]);
    const minimumWon = this.config.membership.shareCapitalMinimumWon;
    return {
      memberId,
      minimumWon,
      ...totals,
      outstandingWon: member.status === 'withdrawn' ? 0 : Math.max(0, minimumWon - totals.balanceWon),
      scheduledRefund: refund ? { amountWon: refund.amountWon, dueOn: refund.dueOn, status: refund.status } : null,
      entries: entries.map(toEntryView),
    };
  }

  async record(
    memberId: string,
    input: { kind: ShareCapitalKind; amountWon: number; paidOn: string; note?: string },
    ctx: ActionContext,
  ): Promise<ShareCapitalEntryView> {
    const today = seoulDate(this.clock.now());
    if (!isCalendarDate(input.paidOn) || input.paidOn > today) {
      throw MembershipErrors.invalid('MEMBERSHIP.INVALID_PAID_ON', 'paidOn must be a real date, not in the future', [
        { field: 'paidOn', reason: `must be a date on or before ${today}` },
      ]);
    }
    const entry = await this.tx.run(async (tx) => {
      // Locking the member serialises entries per member, so a refund can never take the
      // balance below zero even when two are posted at once.
      const member = await this.members.lock(tx, memberId);
      const totals = await this.ledger.totals(memberId, tx);
      if (input.kind === 'payment' && (member.status === 'withdrawn' || member.status === 'rejected')) {
        throw MembershipErrors.shareCapitalClosed();
      }
      if (input.kind === 'refund' && input.amountWon > totals.balanceWon) {
        throw MembershipErrors.refundExceedsBalance(totals.balanceWon);
      }
      const now = this.clock.now();
      const entry = await this.ledger.insert(tx, {
        id: randomUUID(),
        memberId,
        kind: input.kind,
        amountWon: input.amountWon,
        paidOn: input.paidOn,
        note: input.note?.trim() || null,
        recordedBy: ctx.actor.id,
      });
      await this.hooks.run(tx, entry);
      if (input.kind === 'refund' && member.status === 'withdrawn' && totals.balanceWon - input.amountWon === 0) {
        await this.ledger.markRefundPaid(tx, memberId, now);
      }
      await this.audit.record(tx, ctx, now, {
        action: `share-capital.${input.kind}`,
        targetType: 'member',
        targetId: memberId,
        details: { entryId: entry.id, amountWon: input.amountWon, paidOn: input.paidOn },
      });
      return toEntryView(entry);
    });
    await this.profiles.invalidate(memberId);
    return entry;
  }
}
