import { Inject, Injectable } from '@nestjs/common';
import { AppConfig } from '@dure/config';
import { ActionContext, Clock, isCalendarDate, seoulDate, seoulYear } from '@dure/common';
import { TransactionRunner, Tx } from '@dure/database';
import { DomainEventName, JobName, OutboxRepository } from '@dure/queue';
import type { Member, MemberStatus } from '../entities/member.entity';
import { MembershipErrors } from '../membership.errors';
import { AuditLogRepository } from '../audit/audit-log.repository';
import { RefreshTokenRepository } from '../auth/refresh-token.repository';
import { MemberRepository } from './member.repository';
import { ShareCapitalRepository } from './share-capital.repository';
import { MemberView, toMemberView } from './member.views';
import { CourierProfileCache } from './profile-cache';

type Action = 'approve' | 'reject' | 'suspend' | 'reinstate' | 'withdraw';

/** The status machine of SPEC §1: which statuses each action may start from, and where it goes. */
const TRANSITIONS: Record<Action, { from: MemberStatus[]; to: MemberStatus; past: string; event?: DomainEventName }> = {
  approve: { from: ['applicant'], to: 'active', past: 'approved', event: JobName.MemberActivated },
  reject: { from: ['applicant'], to: 'rejected', past: 'rejected' },
  suspend: { from: ['active'], to: 'suspended', past: 'suspended', event: JobName.MemberSuspended },
  reinstate: { from: ['suspended'], to: 'active', past: 'reinstated', event: JobName.MemberReinstated },
  withdraw: { from: ['active', 'suspended'], to: 'withdrawn', past: 'withdrawn', event: JobName.MemberWithdrawn },
};

/** Withdrawal dates may be set at most this far ahead. */
const MAX_WITHDRAWAL_NOTICE_DAYS = 366;

@Injectable()
export class MemberLifecycleService {
  constructor(
    private readonly members: MemberRepository,
    private readonly shareCapital: ShareCapitalRepository,
    private readonly refreshTokens: RefreshTokenRepository,
    private readonly audit: AuditLogRepository,
    private readonly outbox: OutboxRepository,
    private readonly tx: TransactionRunner,
    private readonly profiles: CourierProfileCache,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  approve(id: string, ctx: ActionContext): Promise<MemberView> {
    return this.transition(id, 'approve', ctx, {}, async (tx, member, now) => {
      const year = seoulYear(now);
      const seq = await this.members.nextMemberSequence(tx, year);
      const memberNo = `${this.config.membership.memberNoPrefix}-${year}-${String(seq).padStart(5, '0')}`;
      return { memberNo, approvedAt: now };
    });
  }

  reject(id: string, reason: string, ctx: ActionContext): Promise<MemberView> {
    return this.transition(id, 'reject', ctx, { reason }, async (tx) => {
      await this.refreshTokens.revokeSubject(tx, 'courier', id, 'rejected');
      return {};
    });
  }

  suspend(id: string, reason: string, ctx: ActionContext): Promise<MemberView> {
    return this.transition(id, 'suspend', ctx, { reason });
  }

  reinstate(id: string, reason: string | undefined, ctx: ActionContext): Promise<MemberView> {
    return this.transition(id, 'reinstate', ctx, { reason });
  }

  withdraw(id: string, reason: string, effectiveDate: string, ctx: ActionContext): Promise<MemberView> {
    const today = seoulDate(this.clock.now());
    if (!isCalendarDate(effectiveDate)) {
      throw MembershipErrors.invalid('MEMBERSHIP.INVALID_EFFECTIVE_DATE', 'effectiveDate must be a real date', [
        { field: 'effectiveDate', reason: 'must be a date YYYY-MM-DD' },
      ]);
    }
    const latest = seoulDate(new Date(this.clock.now().getTime() + MAX_WITHDRAWAL_NOTICE_DAYS * 86_400_000));
    if (effectiveDate > latest) {
      throw MembershipErrors.invalid('MEMBERSHIP.INVALID_EFFECTIVE_DATE', 'effectiveDate is too far ahead', [
        { field: 'effectiveDate', reason: `must be on or before ${latest}` },
      ]);
    }
    return this.transition(id, 'withdraw', ctx, { reason, effectiveOn: effectiveDate }, async (tx, member) => {
      const approvedOn = member.approvedAt ? seoulDate(member.approvedAt) : today;
      if (effectiveDate < approvedOn) {
        throw MembershipErrors.invalid('MEMBERSHIP.INVALID_EFFECTIVE_DATE', 'effectiveDate is before the member joined', [
          { field: 'effectiveDate', reason: `must be on or after ${approvedOn}` },
        ]);
      }
      // Withdrawal schedules the refund of the paid-in share capital for the effective date.
      const { balanceWon } = await this.shareCapital.totals(id, tx);
      if (balanceWon > 0) await this.shareCapital.scheduleRefund(tx, id, balanceWon, effectiveDate);
      await this.refreshTokens.revokeSubject(tx, 'courier', id, 'withdrawn');
      return { withdrawalEffectiveOn: effectiveDate };
    });
  }

  private async transition(
    id: string,
    action: Action,
    ctx: ActionContext,
    opts: { reason?: string; effectiveOn?: string },
    apply?: (tx: Tx, member: Member, now: Date) => Promise<Partial<Member>>,
  ): Promise<MemberView> {
    const rule = TRANSITIONS[action];
    const member = await this.tx.run(async (tx) => {
      // The row lock serialises concurrent actions on one member: of ten simultaneous
      // approvals, the first wins and the others find the member already active.
      const current = await this.members.lock(tx, id);
      if (!rule.from.includes(current.status)) throw MembershipErrors.invalidTransition(current.status, rule.past);
      const now = this.clock.now();
      const effectiveOn = opts.effectiveOn ?? seoulDate(now);
      const changes: Partial<Member> = {
        status: rule.to,
        statusReason: opts.reason ?? null,
        statusChangedAt: now,
        ...(apply ? await apply(tx, current, now) : {}),
      };
      await this.members.update(tx, id, changes);
      await this.members.recordStatusChange(tx, {
        memberId: id,
        fromStatus: current.status,
        toStatus: rule.to,
        reason: opts.reason ?? null,
        effectiveOn,
        actorType: ctx.actor.type,
        actorId: ctx.actor.id,
        at: now,
      });
      const updated = { ...current, ...changes } as Member;
      await this.audit.record(tx, ctx, now, {
        action: `member.${action}`,
        targetType: 'member',
        targetId: id,
        reason: opts.reason,
        details: { from: current.status, to: rule.to, memberNo: updated.memberNo, effectiveOn },
      });
      if (rule.event) {
        await this.outbox.publish(tx, rule.event, {
          memberId: id,
          memberNo: updated.memberNo ?? '',
          effectiveOn,
          ...(opts.reason ? { reason: opts.reason } : {}),
        });
      }
      return updated;
    });
    await this.profiles.invalidate(id);
    return toMemberView(member);
  }
}
