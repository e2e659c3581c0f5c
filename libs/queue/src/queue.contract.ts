/**
 * The queue contract: every queue, every job name and the payload each one carries. Job
 * name values never change once used (jobs already queued carry them). Payloads carry
 * ids, never entities.
 */
export enum QueueName {
  DomainEvents = 'domain-events',
  OrderEvents = 'order-events',
  Dispatch = 'dispatch',
  Billing = 'billing',
  Insurance = 'insurance',
  Maintenance = 'maintenance',
}

export enum JobName {
  MemberActivated = 'member.activated',
  MemberSuspended = 'member.suspended',
  MemberReinstated = 'member.reinstated',
  MemberWithdrawn = 'member.withdrawn',
  /** A new order to dispatch (broadcast or offer); manual orders wait for a dispatcher. */
  OrderCreated = 'order.created',
  OrderAssigned = 'order.assigned',
  OrderCancelled = 'order.cancelled',
  OrderPickedUp = 'order.picked-up',
  OrderDelivered = 'order.delivered',
  OrderFailed = 'order.failed',
  OfferExpire = 'dispatch.offer-expire',
  DispatchSweep = 'dispatch.sweep',
  SettlementRun = 'billing.settlement-run',
  WeeklySettlement = 'billing.weekly-settlement',
  /** Premiums of one month for every member (the 1st of the next month, or on demand). */
  InsuranceMonthly = 'insurance.monthly',
  /** The schedule that requests the month just ended. */
  InsuranceMonthlySchedule = 'insurance.monthly-schedule',
  InsuranceBatchBuild = 'insurance.batch-build',
  /** The schedule that requests each insurer's daily delta. */
  InsuranceDailyBatches = 'insurance.daily-batches',
  PurgeExpired = 'maintenance.purge-expired',
}

/** A domain event: published through the outbox, delivered at least once, handled once. */
export interface DomainEventEnvelope {
  /** The outbox row id, as a string; consumers de-duplicate on it. */
  eventId: string;
  occurredAt: string;
}

export interface MemberEvent {
  memberId: string;
  memberNo: string;
  /** Business date (Asia/Seoul) the change takes effect. */
  effectiveOn: string;
  reason?: string;
}

export interface OrderEvent {
  orderId: string;
  /** The courier concerned, when there is one. */
  memberId?: string | null;
}

export interface JobPayloads {
  [JobName.MemberActivated]: MemberEvent;
  [JobName.MemberSuspended]: MemberEvent;
  [JobName.MemberReinstated]: MemberEvent;
  [JobName.MemberWithdrawn]: MemberEvent;
  [JobName.OrderCreated]: OrderEvent;
  [JobName.OrderAssigned]: OrderEvent;
  [JobName.OrderCancelled]: OrderEvent;
  [JobName.OrderPickedUp]: OrderEvent;
  [JobName.OrderDelivered]: OrderEvent;
  [JobName.OrderFailed]: OrderEvent;
  [JobName.OfferExpire]: { offerId: string };
  [JobName.DispatchSweep]: Record<string, never>;
  [JobName.SettlementRun]: { runId: string };
  [JobName.WeeklySettlement]: Record<string, never>;
  [JobName.InsuranceMonthly]: { month: string };
  [JobName.InsuranceMonthlySchedule]: Record<string, never>;
  [JobName.InsuranceBatchBuild]: { batchId: string };
  [JobName.InsuranceDailyBatches]: Record<string, never>;
  [JobName.PurgeExpired]: Record<string, never>;
}

export const MEMBER_EVENTS = [JobName.MemberActivated, JobName.MemberSuspended, JobName.MemberReinstated, JobName.MemberWithdrawn] as const;
export type MemberEventName = (typeof MEMBER_EVENTS)[number];

export const ORDER_EVENTS = [
  JobName.OrderCreated,
  JobName.OrderAssigned,
  JobName.OrderCancelled,
  JobName.OrderPickedUp,
  JobName.OrderDelivered,
  JobName.OrderFailed,
] as const;
export type OrderEventName = (typeof ORDER_EVENTS)[number];

/** Every event that travels through the outbox. */
export const DOMAIN_EVENTS = [...MEMBER_EVENTS, ...ORDER_EVENTS] as const;
export type DomainEventName = (typeof DOMAIN_EVENTS)[number];

/** Commands enqueued through the outbox too, so they exist exactly when their request committed. */
export const OUTBOX_COMMANDS = [JobName.SettlementRun, JobName.InsuranceMonthly, JobName.InsuranceBatchBuild] as const;

/** Everything the outbox relay delivers. */
export const OUTBOX_TOPICS = [...DOMAIN_EVENTS, ...OUTBOX_COMMANDS] as const;
export type OutboxTopic = (typeof OUTBOX_TOPICS)[number];

export type DomainEventJob<N extends DomainEventName = DomainEventName> = JobPayloads[N] & DomainEventEnvelope;

/** Which queue each job runs on. */
export const JOB_QUEUE: { readonly [N in JobName]: QueueName } = {
  [JobName.MemberActivated]: QueueName.DomainEvents,
  [JobName.MemberSuspended]: QueueName.DomainEvents,
  [JobName.MemberReinstated]: QueueName.DomainEvents,
  [JobName.MemberWithdrawn]: QueueName.DomainEvents,
  [JobName.OrderCreated]: QueueName.OrderEvents,
  [JobName.OrderAssigned]: QueueName.OrderEvents,
  [JobName.OrderCancelled]: QueueName.OrderEvents,
  [JobName.OrderPickedUp]: QueueName.OrderEvents,
  [JobName.OrderDelivered]: QueueName.OrderEvents,
  [JobName.OrderFailed]: QueueName.OrderEvents,
  [JobName.OfferExpire]: QueueName.Dispatch,
  [JobName.DispatchSweep]: QueueName.Dispatch,
  [JobName.SettlementRun]: QueueName.Billing,
  [JobName.WeeklySettlement]: QueueName.Billing,
  [JobName.InsuranceMonthly]: QueueName.Insurance,
  [JobName.InsuranceMonthlySchedule]: QueueName.Insurance,
  [JobName.InsuranceBatchBuild]: QueueName.Insurance,
  [JobName.InsuranceDailyBatches]: QueueName.Insurance,
  [JobName.PurgeExpired]: QueueName.Maintenance,
};

export const ALL_QUEUES: readonly QueueName[] = Object.values(QueueName);

export function isDomainEventName(name: string): name is DomainEventName {
  return (DOMAIN_EVENTS as readonly string[]).includes(name);
}

export function isMemberEventName(name: string): name is MemberEventName {
  return (MEMBER_EVENTS as readonly string[]).includes(name);
}

export function isOrderEventName(name: string): name is OrderEventName {
  return (ORDER_EVENTS as readonly string[]).includes(name);
}

/** Deterministic BullMQ job id for an outbox event: re-adding it after a crash is a no-op. */
export function outboxJobId(eventId: string | number): string {
  return `evt-${eventId}`;
}

/**
 * Retries with backoff for every job, and completed jobs kept long enough to de-duplicate
 * (the outbox relay may add a job twice after a crash; BullMQ ignores a job id it has).
 */
export const DEFAULT_JOB_OPTIONS = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: { age: 7 * 24 * 3600, count: 100_000 },
  removeOnFail: { age: 30 * 24 * 3600 },
} as const;

/**
 * Queues whose handlers act on the current state of what they are given (an order under
 * its row lock), so a duplicate is harmless: completed jobs need not be kept for
 * de-duplication, which saves Redis a write per job at a thousand orders a second.
 */
export const STATELESS_DEDUP_QUEUES: readonly QueueName[] = [QueueName.OrderEvents];
