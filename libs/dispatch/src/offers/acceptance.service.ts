import { Inject, Injectable } from '@nestjs/common';
import { AppConfig } from '@dure/config';
import { ActionContext, Clock } from '@dure/common';
import { TransactionRunner } from '@dure/database';
import { JobName, OutboxRepository } from '@dure/queue';
import { DispatchErrors } from '../dispatch.errors';
import { DispatchFeed } from '../live/dispatch-feed';
import { OrderRepository } from '../orders/order.repository';
import { BoardItemView, OrderView, toBoardItem, toOrderView } from '../orders/order.views';
import { straightLineM } from '../pricing/pricing';
import { PresenceService } from '../presence/presence.service';
import { CourierEligibility } from './eligibility';
import { OfferEngine } from './offer-engine.service';
import { OfferRepository } from './offer.repository';

/** What a courier sees and takes: the board, accepting (exactly once) and declining. */
@Injectable()
export class AcceptanceService {
  constructor(
    private readonly orders: OrderRepository,
    private readonly offers: OfferRepository,
    private readonly presence: PresenceService,
    private readonly eligibility: CourierEligibility,
    private readonly engine: OfferEngine,
    private readonly outbox: OutboxRepository,
    private readonly feed: DispatchFeed,
    private readonly tx: TransactionRunner,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  /** Open broadcast jobs within reach and this courier's live offers, nearest first. */
  async board(memberId: string): Promise<BoardItemView[]> {
    const { vehicleType } = await this.eligibility.assertCanWork(memberId);
    const now = this.clock.now();
    const pos = await this.presence.position(memberId);
    if (!this.presence.isFresh(pos, now.getTime()) || pos.lat === null || pos.lng === null) throw DispatchErrors.notOnline();
    const here = { lat: pos.lat, lng: pos.lng };
    const items: BoardItemView[] = [];
    for (const o of await this.orders.openBroadcast(vehicleType, here, this.config.dispatch.radiusM, 500)) {
      const d = Math.round(straightLineM(here, { lat: o.pickupLat, lng: o.pickupLng }));
      if (d <= this.config.dispatch.radiusM) items.push(toBoardItem(o, d));
    }
    for (const offer of await this.offers.liveForMember(memberId, now)) {
      const o = await this.orders.findById(offer.orderId);
      if (o && o.status === 'requested') items.push(toBoardItem(o, Math.round(straightLineM(here, { lat: o.pickupLat, lng: o.pickupLng })), offer.expiresAt));
    }
    return items.sort((a, b) => (a.pickupDistanceM ?? 0) - (b.pickupDistanceM ?? 0));
  }

  /**
   * Takes the job. The order row is locked, so of any number of concurrent accepts exactly
   * one finds it open; the rest get 409. Accepting a job one already holds answers 200 again.
   */
  async accept(ctx: ActionContext, orderId: string): Promise<OrderView> {
    const memberId = ctx.actor.id;
    const { vehicleType } = await this.eligibility.assertCanWork(memberId);
    const now = this.clock.now();
    const { order, fresh } = await this.tx.run(async (tx) => {
      const current = await this.orders.lock(tx, orderId);
      if (!current) throw DispatchErrors.orderNotFound(orderId);
      if (current.status !== 'requested') {
        if (current.status === 'assigned' && current.assignedMemberId === memberId) return { order: current, fresh: false };
        if (current.status === 'assigned' || current.status === 'picked_up' || current.status === 'delivered') throw DispatchErrors.alreadyAssigned();
        throw DispatchErrors.invalidTransition(current.status, 'accepted');
      }
      if (current.vehicleType !== vehicleType) throw DispatchErrors.vehicleMismatch(current.vehicleType, vehicleType);
      if (current.dispatchMode === 'manual') throw DispatchErrors.notOpenToCouriers();
      if (current.dispatchMode === 'offer') {
        const offer = await this.offers.liveForOrder(tx, orderId);
        if (!offer || offer.memberId !== memberId || offer.expiresAt.getTime() <= now.getTime()) throw DispatchErrors.noOffer();
        if (!(await this.offers.respond(tx, offer.id, 'accepted', now))) throw DispatchErrors.noOffer();
      } else {
        const pos = await this.presence.position(memberId);
        if (!this.presence.isFresh(pos, now.getTime()) || pos.lat === null || pos.lng === null) throw DispatchErrors.notOnline();
        const away = straightLineM({ lat: pos.lat, lng: pos.lng }, { lat: current.pickupLat, lng: current.pickupLng });
        if (away > this.config.dispatch.radiusM) throw DispatchErrors.tooFar(Math.round(away), this.config.dispatch.radiusM);
      }
      const updated = await this.orders.update(tx, orderId, { status: 'assigned', assignedMemberId: memberId, assignedAt: now, needsDispatcher: false });
      await this.orders.insertEvent(tx, { orderId, status: 'assigned', at: now, actorType: 'courier', actorId: memberId, eventId: null, reason: null });
      await this.outbox.publish(tx, JobName.OrderAssigned, { orderId, memberId });
      return { order: updated, fresh: true };
    });
    const view = toOrderView(order);
    if (fresh) {
      await this.feed.publish(`courier:${memberId}`, 'assigned', view);
      if (order.dispatchMode === 'broadcast') await this.feed.publish(`couriers:${order.vehicleType}`, 'offer_withdrawn', { orderId, reason: 'taken' });
      await this.feed.publish('staff', 'order_changed', view);
    }
    return view;
  }

  /** Turns down a live offer; the next courier is asked at once. */
  async decline(ctx: ActionContext, orderId: string): Promise<{ orderId: string; status: 'declined' }> {
    const memberId = ctx.actor.id;
    const now = this.clock.now();
    await this.tx.run(async (tx) => {
      const offer = await this.offers.liveForOrder(tx, orderId);
      if (!offer || offer.memberId !== memberId) throw DispatchErrors.noOffer();
      if (!(await this.offers.respond(tx, offer.id, 'declined', now))) throw DispatchErrors.noOffer();
    });
    await this.engine.offerNext(orderId);
    return { orderId, status: 'declined' };
  }
}
