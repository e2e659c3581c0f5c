import { Inject, Injectable } from '@nestjs/common';
import { AppConfig } from '@dure/config';
import { ActionContext, Clock, DomainError, TransactionHooks } from '@dure/common';
import { TransactionRunner, Tx } from '@dure/database';
import { JobName, OutboxRepository } from '@dure/queue';
import type { DeliveryOrder, OrderStatus } from '../entities/order.entity';
import { DispatchErrors } from '../dispatch.errors';
import { DispatchFeed } from '../live/dispatch-feed';
import { ProofStorage } from '../proof/proof-storage';
import { OrderRepository } from './order.repository';
import { OrderView, toOrderView } from './order.views';

type CourierEvent = 'picked_up' | 'delivered' | 'failed';

/** Runs in the delivery's transaction (billing fixes the fee and posts to the ledger there). */
@Injectable()
export class DeliveryHooks extends TransactionHooks<Tx, DeliveryOrder> {}

const RULES: Record<CourierEvent, { from: OrderStatus; verb: string; job: JobName.OrderPickedUp | JobName.OrderDelivered | JobName.OrderFailed; since: (o: DeliveryOrder) => Date | null }> = {
  picked_up: { from: 'assigned', verb: 'picked up', job: JobName.OrderPickedUp, since: (o) => o.assignedAt },
  delivered: { from: 'picked_up', verb: 'delivered', job: JobName.OrderDelivered, since: (o) => o.pickedUpAt },
  failed: { from: 'picked_up', verb: 'failed', job: JobName.OrderFailed, since: (o) => o.pickedUpAt },
};

export interface CourierEventInput {
  eventId: string;
  /** When it happened on the phone (defaults to now); not in the future beyond the skew. */
  at?: Date;
}

export interface PhotoUpload {
  data: Buffer;
  contentType: string;
}

/**
 * Pickup, delivery and failure, reported by the courier's phone. Each carries a client
 * event id: a retried request (a dropped connection) is recognised and answered with the
 * order, never applied twice. Only the assigned courier reaches the job; to anyone else it
 * does not exist.
 */
@Injectable()
export class CourierActionsService {
  constructor(
    private readonly orders: OrderRepository,
    private readonly outbox: OutboxRepository,
    private readonly feed: DispatchFeed,
    private readonly storage: ProofStorage,
    private readonly deliveryHooks: DeliveryHooks,
    private readonly tx: TransactionRunner,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  async pickup(ctx: ActionContext, orderId: string, input: CourierEventInput): Promise<OrderView> {
    return (await this.apply(ctx, orderId, 'picked_up', input, (at) => ({ status: 'picked_up', pickedUpAt: at }))).view;
  }

  async fail(ctx: ActionContext, orderId: string, input: CourierEventInput & { reason: string }): Promise<OrderView> {
    return (await this.apply(ctx, orderId, 'failed', input, (at) => ({ status: 'failed', failedAt: at, failReason: input.reason }), input.reason)).view;
  }

  async deliver(ctx: ActionContext, orderId: string, input: CourierEventInput & { recipientName: string; photo?: PhotoUpload }): Promise<OrderView> {
    if (input.photo && input.photo.data.length > this.config.dispatch.photoMaxBytes) {
      throw new DomainError('too_large', 'DISPATCH.PHOTO_TOO_LARGE', `The photo is larger than ${this.config.dispatch.photoMaxBytes} bytes`, [
        { field: 'photo', reason: `must be at most ${this.config.dispatch.photoMaxBytes} bytes` },
      ]);
    }
    const stored = input.photo ? await this.storage.save(orderId, input.photo.data, input.photo.contentType) : undefined;
    let kept = false;
    try {
      const result = await this.apply(ctx, orderId, 'delivered', input, (at) => ({
        status: 'delivered',
        deliveredAt: at,
        recipientName: input.recipientName.trim(),
        proofPhotoKey: stored?.key ?? null,
      }));
      kept = result.applied;
      return result.view;
    } finally {
      // A refused or replayed delivery keeps no photo.
      if (stored && !kept) await this.storage.remove(stored.key);
    }
  }

  private async apply(
    ctx: ActionContext,
    orderId: string,
    event: CourierEvent,
    input: CourierEventInput,
    changes: (at: Date) => Partial<DeliveryOrder>,
    reason: string | null = null,
  ): Promise<{ view: OrderView; applied: boolean }> {
    const rule = RULES[event];
    const now = this.clock.now();
    const at = input.at ?? now;
    if (at.getTime() > now.getTime() + this.config.dispatch.clockSkewSec * 1000) {
      throw DispatchErrors.invalid('DISPATCH.INVALID_EVENT_TIME', 'The event time is in the future', [{ field: 'at', reason: 'is in the future' }]);
    }
    const { order, applied } = await this.tx.run(async (tx) => {
      const current = await this.lockOwn(tx, ctx.actor.id, orderId);
      const prior = await this.orders.findEventByClientId(tx, orderId, input.eventId);
      if (prior) {
        if (prior.status === event && prior.actorId === ctx.actor.id) return { order: current, applied: false }; // a retry
        throw DispatchErrors.eventIdReused();
      }
      if (current.status !== rule.from) throw DispatchErrors.invalidTransition(current.status, rule.verb);
      const since = rule.since(current);
      if (since && at.getTime() < since.getTime()) {
        throw DispatchErrors.invalid('DISPATCH.INVALID_EVENT_TIME', 'The event time is before the previous step of the job', [
          { field: 'at', reason: 'is before the previous step' },
        ]);
      }
      let updated = await this.orders.update(tx, orderId, changes(at));
      await this.orders.insertEvent(tx, { orderId, status: event, at, actorType: ctx.actor.type, actorId: ctx.actor.id, eventId: input.eventId, reason });
      if (event === 'delivered') {
        await this.deliveryHooks.run(tx, updated);
        updated = (await this.orders.findById(orderId, tx)) ?? updated;
      }
      await this.outbox.publish(tx, rule.job, { orderId, memberId: ctx.actor.id });
      return { order: updated, applied: true };
    });
    const view = toOrderView(order);
    if (applied) await this.feed.publish('staff', 'order_changed', view);
    return { view, applied };
  }

  private async lockOwn(tx: Tx, memberId: string, orderId: string): Promise<DeliveryOrder> {
    const order = await this.orders.lock(tx, orderId);
    if (!order || order.assignedMemberId !== memberId) throw DispatchErrors.orderNotFound(orderId);
    return order;
  }
}
