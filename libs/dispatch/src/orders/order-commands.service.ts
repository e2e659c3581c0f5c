import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AppConfig } from '@dure/config';
import { ActionContext, Clock } from '@dure/common';
import { TransactionRunner } from '@dure/database';
import { JobName, OutboxRepository } from '@dure/queue';
import { AuditLogRepository, PartyRepository } from '@dure/membership';
import type { DispatchMode, PaymentMethod } from '../entities/order.entity';
import type { Urgency, VehicleType } from '../pricing/pricing';
import { DispatchErrors } from '../dispatch.errors';
import { PricingService } from '../pricing/pricing.service';
import { CourierEligibility } from '../offers/eligibility';
import { OfferRepository } from '../offers/offer.repository';
import { DispatchFeed } from '../live/dispatch-feed';
import { OrderRepository } from './order.repository';
import { OrderView, toOrderView } from './order.views';

export interface StopInput {
  address: string;
  lat: number;
  lng: number;
  contactName: string;
  contactPhone: string;
}

export interface OrderInput {
  pickup: StopInput;
  dropoff: StopInput;
  itemDescription: string;
  vehicleType: VehicleType;
  urgency: Urgency;
  paymentMethod: PaymentMethod;
  clientId?: string;
  /** A fare agreed by phone (staff only). */
  fareWon?: number;
  dispatchMode?: DispatchMode;
}

/** Orders from staff (phone orders) and business clients, and what dispatchers do to them. */
const CLIENT_CACHE_MS = 5000;

@Injectable()
export class OrderCommandsService {
  private readonly clients = new Map<string, { client: { creditAccount: boolean } | null; at: number }>();

  constructor(
    private readonly orders: OrderRepository,
    private readonly offers: OfferRepository,
    private readonly pricing: PricingService,
    private readonly parties: PartyRepository,
    private readonly eligibility: CourierEligibility,
    private readonly outbox: OutboxRepository,
    private readonly audit: AuditLogRepository,
    private readonly feed: DispatchFeed,
    private readonly tx: TransactionRunner,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  async create(input: OrderInput, ctx: ActionContext): Promise<OrderView> {
    const fromClient = ctx.actor.type === 'client';
    if (fromClient && input.fareWon !== undefined) {
      throw DispatchErrors.invalid('DISPATCH.FARE_NOT_ALLOWED', 'A client order takes its fare from the pricing rules', [
        { field: 'fareWon', reason: 'not allowed for client orders' },
      ]);
    }
    const clientId = fromClient ? ctx.actor.id : (input.clientId ?? null);
    if (clientId) {
      const client = await this.client(clientId);
      if (!client) throw DispatchErrors.clientNotFound(clientId);
      if (input.paymentMethod === 'credit' && !client.creditAccount) throw DispatchErrors.creditAccountRequired();
    } else if (input.paymentMethod === 'credit') {
      throw DispatchErrors.creditAccountRequired();
    }
    const now = this.clock.now();
    const quote = await this.pricing.quote({ pickup: input.pickup, dropoff: input.dropoff, vehicleType: input.vehicleType, urgency: input.urgency, at: now });
    const id = randomUUID();
    const mode = input.dispatchMode ?? this.config.dispatch.defaultMode;
    const order = await this.orders.create(
      {
        id,
        status: 'requested',
        pickupAddress: input.pickup.address.trim(),
        pickupLat: input.pickup.lat,
        pickupLng: input.pickup.lng,
        pickupContactName: input.pickup.contactName.trim(),
        pickupContactPhone: input.pickup.contactPhone,
        dropoffAddress: input.dropoff.address.trim(),
        dropoffLat: input.dropoff.lat,
        dropoffLng: input.dropoff.lng,
        dropoffContactName: input.dropoff.contactName.trim(),
        dropoffContactPhone: input.dropoff.contactPhone,
        itemDescription: input.itemDescription.trim(),
        vehicleType: input.vehicleType,
        urgency: input.urgency,
        paymentMethod: input.paymentMethod,
        clientId,
        fareWon: input.fareWon ?? quote.fareWon,
        fareSource: input.fareWon === undefined ? 'rules' : 'agreed',
        quotedFareWon: quote.fareWon,
        pricingRuleSetId: quote.ruleSetId,
        distanceM: quote.distanceM,
        dispatchMode: mode,
        needsDispatcher: false,
        assignedMemberId: null,
        feeWon: null,
        createdByType: ctx.actor.type,
        createdById: ctx.actor.id,
        createdAt: now,
        assignedAt: null,
        pickedUpAt: null,
        deliveredAt: null,
        cancelledAt: null,
        failedAt: null,
        cancelReason: null,
        failReason: null,
        recipientName: null,
        proofPhotoKey: null,
      },
      {
        event: { actorType: ctx.actor.type, actorId: ctx.actor.id },
        // The worker offers or pushes the order to couriers; a manual order has nothing to
        // dispatch (it waits on the board for a dispatcher), so it queues no job.
        outbox: mode === 'manual' ? undefined : { topic: JobName.OrderCreated, payload: { orderId: id } },
        audit:
          ctx.actor.type === 'staff'
            ? {
                actorType: ctx.actor.type,
                actorId: ctx.actor.id,
                action: 'order.create',
                details: { fareWon: input.fareWon ?? quote.fareWon, fareSource: input.fareWon === undefined ? 'rules' : 'agreed', dispatchMode: mode },
                requestId: ctx.requestId,
                ip: ctx.ip,
              }
            : undefined,
      },
    );
    const view = toOrderView(order);
    await this.feed.publish('staff', 'order_changed', view);
    return view;
  }

  /** Clients change rarely; every order of theirs need not read them again for a few seconds. */
  private async client(id: string): Promise<{ creditAccount: boolean } | null> {
    const hit = this.clients.get(id);
    if (hit && hit.at > Date.now() - CLIENT_CACHE_MS) return hit.client;
    const found = await this.parties.findClient(id);
    const client = found ? { creditAccount: found.creditAccount } : null;
    if (this.clients.size > 10_000) this.clients.clear();
    this.clients.set(id, { client, at: Date.now() });
    return client;
  }

  /** A dispatcher assigns a courier (manual dispatch, or stepping in on any open order). */
  async assign(orderId: string, memberId: string, ctx: ActionContext): Promise<OrderView> {
    const now = this.clock.now();
    // Checked before the lock is taken (the check reads on its own connection); the
    // vehicle of an order never changes, so the answer still holds under the lock.
    const snapshot = await this.orders.findById(orderId);
    if (!snapshot) throw DispatchErrors.orderNotFound(orderId);
    await this.eligibility.assertAssignable(memberId, snapshot.vehicleType);
    const { order, withdrawnFrom } = await this.tx.run(async (tx) => {
      const current = await this.orders.lock(tx, orderId);
      if (!current) throw DispatchErrors.orderNotFound(orderId);
      if (current.status === 'assigned') throw DispatchErrors.alreadyAssigned();
      if (current.status !== 'requested') throw DispatchErrors.invalidTransition(current.status, 'assigned');
      const withdrawn = await this.offers.withdrawLive(tx, orderId, now);
      const updated = await this.orders.update(tx, orderId, { status: 'assigned', assignedMemberId: memberId, assignedAt: now, needsDispatcher: false });
      await this.orders.insertEvent(tx, { orderId, status: 'assigned', at: now, actorType: ctx.actor.type, actorId: ctx.actor.id, eventId: null, reason: null });
      await this.outbox.publish(tx, JobName.OrderAssigned, { orderId, memberId });
      await this.audit.record(tx, ctx, now, { action: 'order.assign', targetType: 'order', targetId: orderId, details: { memberId } });
      return { order: updated, withdrawnFrom: withdrawn };
    });
    const view = toOrderView(order);
    if (withdrawnFrom && withdrawnFrom !== memberId) await this.feed.publish(`courier:${withdrawnFrom}`, 'offer_withdrawn', { orderId });
    await this.feed.publish(`courier:${memberId}`, 'assigned', view);
    await this.feed.publish('staff', 'order_changed', view);
    return view;
  }

  /** Before pickup, by staff or by the client who placed it. */
  async cancel(orderId: string, reason: string, ctx: ActionContext): Promise<OrderView> {
    const now = this.clock.now();
    const { order, withdrawnFrom } = await this.tx.run(async (tx) => {
      const current = await this.orders.lock(tx, orderId);
      if (!current || (ctx.actor.type === 'client' && current.clientId !== ctx.actor.id)) throw DispatchErrors.orderNotFound(orderId);
      if (current.status !== 'requested' && current.status !== 'assigned') throw DispatchErrors.invalidTransition(current.status, 'cancelled');
      const withdrawn = await this.offers.withdrawLive(tx, orderId, now);
      const updated = await this.orders.update(tx, orderId, { status: 'cancelled', cancelledAt: now, cancelReason: reason, needsDispatcher: false });
      await this.orders.insertEvent(tx, { orderId, status: 'cancelled', at: now, actorType: ctx.actor.type, actorId: ctx.actor.id, eventId: null, reason });
      await this.outbox.publish(tx, JobName.OrderCancelled, { orderId, memberId: current.assignedMemberId });
      if (ctx.actor.type === 'staff') {
        await this.audit.record(tx, ctx, now, { action: 'order.cancel', targetType: 'order', targetId: orderId, reason });
      }
      return { order: updated, withdrawnFrom: withdrawn };
    });
    const view = toOrderView(order);
    if (withdrawnFrom) await this.feed.publish(`courier:${withdrawnFrom}`, 'offer_withdrawn', { orderId });
    if (order.assignedMemberId) await this.feed.publish(`courier:${order.assignedMemberId}`, 'order_changed', view);
    await this.feed.publish(`couriers:${order.vehicleType}`, 'offer_withdrawn', { orderId });
    await this.feed.publish('staff', 'order_changed', view);
    return view;
  }
}
