import { Logger } from '@nestjs/common';
import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Job, UnrecoverableError } from 'bullmq';
import { TransactionRunner, Tx } from '@dure/database';
import { EnrollmentService } from '@dure/insurance';
import { DomainEventJob, EventInboxRepository, JobName, MemberEventName, QueueName, isMemberEventName } from '@dure/queue';

/** The consumer name this processor records deliveries under. */
export const DOMAIN_EVENTS_CONSUMER = 'worker.domain-events';

function assertNever(name: never): never {
  throw new UnrecoverableError(`No handler for domain event ${String(name)}`);
}

/**
 * Delivers member events to their subscribers. Each event is recorded in the inbox in
 * the same transaction as its handlers' effects, so a redelivered event (a retried job,
 * a relay that crashed after enqueueing) changes nothing the second time. One at a time,
 * so subscribers see a member's events in the order they were committed (activated before
 * suspended); subscribers still check current state, since a retried job can come back
 * after later ones.
 */
@Processor(QueueName.DomainEvents, { concurrency: 1 })
export class DomainEventsProcessor extends WorkerHost {
  private readonly log = new Logger(DomainEventsProcessor.name);

  constructor(
    private readonly tx: TransactionRunner,
    private readonly inbox: EventInboxRepository,
    private readonly enrollments: EnrollmentService,
  ) {
    super();
  }

  async process(job: Job): Promise<{ applied: boolean }> {
    if (!isMemberEventName(job.name)) throw new UnrecoverableError(`Unknown member event ${job.name}`);
    const event = job.data as DomainEventJob;
    const result = await this.tx.run(async (tx) => {
      if (!(await this.inbox.markProcessed(tx, event.eventId, DOMAIN_EVENTS_CONSUMER))) {
        this.log.debug(`event ${event.eventId} (${job.name}) already handled`);
        return { applied: false };
      }
      await this.dispatch(tx, job.name as MemberEventName, event);
      return { applied: true };
    });
    // The courier's profile shows their cover.
    if (result.applied) await this.enrollments.invalidateProfiles([(event as DomainEventJob<MemberEventName>).memberId]);
    return result;
  }

  /** Every domain event has a case; the compiler refuses a new event without one. */
  private async dispatch(tx: Tx, name: MemberEventName, event: DomainEventJob): Promise<void> {
    switch (name) {
      case JobName.MemberActivated:
      case JobName.MemberSuspended:
      case JobName.MemberReinstated:
      case JobName.MemberWithdrawn:
        // Insurance: enrolment on activation, termination on suspension or withdrawal,
        // reinstatement on reinstatement.
        await this.enrollments.onMemberEvent(tx, name, event as DomainEventJob<typeof name>);
        return;
      default:
        assertNever(name);
    }
  }
}
