import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { ActionContext, Clock, Page, PageRequest, toSeoulIso } from '@dure/common';
import { TransactionRunner, Tx } from '@dure/database';
import { AuditLogRepository, CourierProfileCache, CoverageSource } from '@dure/membership';
import { CoverGate } from '@dure/dispatch';
import { JobName, MemberEvent, MemberEventName } from '@dure/queue';
import { InsuranceErrors } from '../insurance.errors';
import { PLANS, type Plan } from '../remuneration';
import { BatchRepository } from '../batches/batch.repository';
import { ENROLLMENT_STATUSES, Enrollment, EnrollmentListItem, EnrollmentRepository, EnrollmentStatus } from './enrollment.repository';
import { endCover, resubmission, startCover } from './lifecycle-rules';
import { addDays } from '../months';

export interface EnrollmentSummaryLine {
  plan: Plan;
  byStatus: Record<EnrollmentStatus, number>;
  total: number;
}

/** An enrolment as the API shows it. */
export type EnrollmentView = Omit<EnrollmentListItem, 'changedAt'> & { changedAt: string };

const toView = (e: EnrollmentListItem): EnrollmentView => ({ ...e, changedAt: toSeoulIso(e.changedAt) });

/** Plans whose cover follows membership (employment follows the monthly threshold instead). */
const MEMBERSHIP_PLANS: readonly Plan[] = ['group_accident', 'industrial_accident'];

/**
 * Enrolments per member and plan: started and ended by member events and by the monthly
 * threshold, resubmitted by staff after a rejection. Also what `/courier/me` shows and
 * what dispatch asks before offering work.
 */
@Injectable()
export class EnrollmentService implements OnModuleInit {
  constructor(
    private readonly enrollments: EnrollmentRepository,
    private readonly batches: BatchRepository,
    private readonly audit: AuditLogRepository,
    private readonly profiles: CourierProfileCache,
    private readonly coverage: CoverageSource,
    private readonly coverGate: CoverGate,
    private readonly tx: TransactionRunner,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.coverage.provide(async (memberId) =>
      (await this.enrollments.forMember(memberId)).map((e) => ({ plan: e.plan, status: e.status, certificateNo: e.certificateNo })),
    );
    this.coverGate.provide((memberIds) => this.enrollments.withoutGroupCover(memberIds));
  }

  /**
   * A member event, in the event consumer's transaction: activation enrols in the group
   * plan; suspension and withdrawal end every cover (the day before the effective date is
   * the last covered day); reinstatement reinstates what membership had ended.
   */
  async onMemberEvent(tx: Tx, name: MemberEventName, event: MemberEvent): Promise<void> {
    const at = this.clock.now();
    const current = await this.enrollments.forMemberLocked(tx, event.memberId);
    const byPlan = new Map(current.map((e) => [e.plan, e]));
    switch (name) {
      case JobName.MemberActivated:
        await this.start(tx, event.memberId, 'group_accident', byPlan.get('group_accident'), event.effectiveOn, '조합원 가입 (membership activated)', at);
        return;
      case JobName.MemberReinstated:
        for (const plan of MEMBERSHIP_PLANS) {
          const e = byPlan.get(plan);
          if (e) await this.start(tx, event.memberId, plan, e, event.effectiveOn, '조합원 자격 회복 (membership reinstated)', at);
        }
        return;
      case JobName.MemberSuspended:
      case JobName.MemberWithdrawn: {
        // A fixed reason: staff's own words about a member stay in the register, never in insurers' files.
        const reason = name === JobName.MemberSuspended ? '자격 정지 (membership suspended)' : '조합원 탈퇴 (membership withdrawn)';
        for (const e of current) await this.end(tx, e, addDays(event.effectiveOn, -1), reason, at);
        return;
      }
    }
  }

  /** Starts cover of one plan from `firstDay` (creating the enrolment if need be); the enrolment after, or null when nothing changed. */
  async start(tx: Tx, memberId: string, plan: Plan, current: Enrollment | undefined, firstDay: string, reason: string, at: Date): Promise<Enrollment | null> {
    const known = current?.status === 'terminated' ? await this.batches.wasReported(tx, current.id) : true;
    const change = startCover(current, firstDay, reason, known);
    if (change === null) return null;
    if (change === 'create') {
      return this.enrollments.insert(tx, { memberId, plan, status: 'pending', pendingAction: 'add', coverageStart: firstDay, acquisitionReason: reason }, 'system', at);
    }
    return this.enrollments.change(tx, current as Enrollment, change, reason, 'system', at);
  }

  /**
   * A cover that began and ended already (a member who earned in the month and left it):
   * reported as an addition carrying both dates. Null when the enrolment cannot take it.
   */
  async startClosed(tx: Tx, memberId: string, plan: Plan, current: Enrollment | undefined, firstDay: string, lastDay: string, reason: string, at: Date): Promise<Enrollment | null> {
    const started = await this.start(tx, memberId, plan, current, firstDay, reason, at);
    if (!started || started.status !== 'pending') return started;
    const end = lastDay < firstDay ? firstDay : lastDay;
    return this.enrollments.change(tx, started, { status: 'pending', coverageEnd: end, lossReason: '노무 제공 종료 (membership ended)' }, null, 'system', at);
  }

  /** Ends cover with `lastDay`; the enrolment after, or null when nothing changed. */
  async end(tx: Tx, current: Enrollment, lastDay: string, reason: string, at: Date): Promise<Enrollment | null> {
    const change = endCover(current, lastDay, reason);
    if (change === null) return null;
    return this.enrollments.change(tx, current, change, reason, 'system', at);
  }

  /** The member's profile shows cover; drop cached copies after a change commits. */
  invalidateProfiles(memberIds: Iterable<string>): Promise<void> {
    return Promise.all([...new Set(memberIds)].map((id) => this.profiles.invalidate(id))).then(() => undefined);
  }

  /**
   * Staff send a rejected enrolment again (after fixing what the insurer named), or an
   * enrolled member's corrected details, in the next delta batch.
   */
  async resubmit(id: string, reason: string | undefined, ctx: ActionContext): Promise<EnrollmentView> {
    const memberId = await this.tx.run(async (tx) => {
      const current = await this.enrollments.lock(tx, id);
      if (!current) throw InsuranceErrors.enrollmentNotFound(id);
      const change = resubmission(current, current.status === 'rejected' ? await this.batches.lastRejectedAction(tx, id) : null);
      if (!change) throw InsuranceErrors.cannotResubmit(current.status);
      const at = this.clock.now();
      await this.enrollments.change(tx, current, change, reason ?? 'resubmitted by staff', ctx.actor.id, at);
      await this.audit.record(tx, ctx, at, {
        action: 'insurance.enrollment.resubmit',
        targetType: 'insurance_enrollment',
        targetId: id,
        reason,
        details: { plan: current.plan, from: current.status, pendingAction: change.pendingAction },
      });
      return current.memberId;
    });
    await this.invalidateProfiles([memberId]);
    return this.get(id);
  }

  async get(id: string): Promise<EnrollmentView> {
    const found = await this.enrollments.find(id);
    if (!found) throw InsuranceErrors.enrollmentNotFound(id);
    return toView(found);
  }

  /** Every plan with a count for every status (zeros included), for the office's overview. */
  async summary(): Promise<EnrollmentSummaryLine[]> {
    const counts = await this.enrollments.countsByPlanAndStatus();
    return PLANS.map((plan) => {
      const byStatus = Object.fromEntries(ENROLLMENT_STATUSES.map((s) => [s, 0])) as Record<EnrollmentStatus, number>;
      for (const c of counts) if (c.plan === plan) byStatus[c.status] = c.count;
      return { plan, byStatus, total: Object.values(byStatus).reduce((a, b) => a + b, 0) };
    });
  }

  async list(filter: { status?: EnrollmentStatus; plan?: Plan; memberId?: string }, page: PageRequest): Promise<Page<EnrollmentView>> {
    const result = await this.enrollments.list(filter, page);
    return { ...result, items: result.items.map(toView) };
  }
}
