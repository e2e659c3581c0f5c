import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AppConfig } from '@dure/config';
import { Clock, seoulDate, seoulStartOfDay } from '@dure/common';
import { TransactionRunner } from '@dure/database';
import { JobName, QueueRegistry } from '@dure/queue';
import type { DeliveryOrder } from '../entities/order.entity';
import { DispatchFeed } from '../live/dispatch-feed';
import { OrderRepository } from '../orders/order.repository';
import { toBoardItem, toOrderView } from '../orders/order.views';
import { PresenceService } from '../presence/presence.service';
import { CourierEligibility } from './eligibility';
import { OfferRepository } from './offer.repository';
import { rankCandidates } from './ranking';

export function offerExpiryJobId(offerId: string): string {
  return `offer-expire-${offerId}`;
}

export type OfferOutcome = { kind: 'offered'; offerId: string; memberId: string } | { kind: 'exhausted' } | { kind: 'none' };

/**
 * Sequential offers: one courier at a time, nearest and least-earned-today first, each
 * for `offerSeconds`; a decline or a timeout moves on; when nobody is left the order goes
 * back to the dispatchers. Timeouts are BullMQ delayed jobs; a periodic sweep catches any
 * that were lost (a crash between the commit and the enqueue).
 */
@Injectable()
export class OfferEngine {
  private readonly log = new Logger(OfferEngine.name);

  constructor(
    private readonly orders: OrderRepository,
    private readonly offers: OfferRepository,
    private readonly presence: PresenceService,
    private readonly eligibility: CourierEligibility,
    private readonly queues: QueueRegistry,
    private readonly feed: DispatchFeed,
    private readonly tx: TransactionRunner,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  /** A new order: offer it, push it to nearby couriers, or leave it to the dispatchers. */
  async onOrderCreated(orderId: string): Promise<void> {
    const order = await this.orders.findById(orderId);
    if (!order || order.status !== 'requested') return;
    if (order.dispatchMode === 'offer') {
      await this.offerNext(orderId);
    } else if (order.dispatchMode === 'broadcast') {
      const now = this.clock.now().getTime();
      const nearby = await this.presence.nearby({ lat: order.pickupLat, lng: order.pickupLng }, order.vehicleType, this.config.dispatch.radiusM, now, 200);
      const eligible = await this.eligibility.filter(nearby.map((c) => c.memberId), order.vehicleType);
      for (const c of nearby) {
        if (eligible.has(c.memberId)) await this.feed.publish(`courier:${c.memberId}`, 'offer', toBoardItem(order, c.distanceM));
      }
    }
  }

  /** Offers the order to the best courier not asked yet. Safe to call twice. */
  async offerNext(orderId: string): Promise<OfferOutcome> {
    const d = this.config.dispatch;
    const now = this.clock.now();
    // Candidates are read before the order is locked: the lock's transaction holds a pool
    // connection, and reads on other connections inside it could starve the pool.
    const snapshot = await this.orders.findById(orderId);
    if (!snapshot || snapshot.status !== 'requested' || snapshot.dispatchMode !== 'offer') return { kind: 'none' };
    const nearby = await this.presence.nearby({ lat: snapshot.pickupLat, lng: snapshot.pickupLng }, snapshot.vehicleType, d.radiusM, now.getTime(), 100);
    const eligible = await this.eligibility.filter(nearby.map((c) => c.memberId), snapshot.vehicleType);
    // A courier already holding as many jobs as allowed is busy, not a candidate.
    const load = await this.orders.activeJobCounts([...eligible]);
    const candidates = nearby.filter((c) => eligible.has(c.memberId) && (load.get(c.memberId) ?? 0) < d.maxActiveJobs);
    const earned = await this.orders.earningsSince(candidates.map((c) => c.memberId), seoulStartOfDay(seoulDate(now)));
    const ranked = rankCandidates(
      candidates.map((c) => ({ ...c, earnedTodayWon: earned.get(c.memberId) ?? 0 })),
      d.radiusM,
      d.fairnessWeightBps,
    );

    const outcome = await this.tx.run(async (tx): Promise<{ outcome: OfferOutcome; order?: DeliveryOrder; distanceM?: number; expiresAt?: Date }> => {
      const order = await this.orders.lock(tx, orderId);
      if (!order || order.status !== 'requested' || order.dispatchMode !== 'offer') return { outcome: { kind: 'none' } };
      if (await this.offers.liveForOrder(tx, orderId)) return { outcome: { kind: 'none' } };
      const asked = await this.offers.offeredMembers(tx, orderId);
      const best = ranked.find((c) => !asked.has(c.memberId));
      if (!best) {
        const updated = await this.orders.update(tx, orderId, { needsDispatcher: true });
        return { outcome: { kind: 'exhausted' }, order: updated };
      }
      const offerId = randomUUID();
      const expiresAt = new Date(now.getTime() + d.offerSeconds * 1000);
      await this.offers.insert(tx, { id: offerId, orderId, memberId: best.memberId, status: 'offered', distanceM: best.distanceM, offeredAt: now, expiresAt });
      return { outcome: { kind: 'offered', offerId, memberId: best.memberId }, order, distanceM: best.distanceM, expiresAt };
    });

    if (outcome.outcome.kind === 'offered' && outcome.order && outcome.expiresAt) {
      const { offerId, memberId } = outcome.outcome;
      await this.queues.add(JobName.OfferExpire, { offerId }, { delay: d.offerSeconds * 1000, jobId: offerExpiryJobId(offerId) });
      await this.feed.publish(`courier:${memberId}`, 'offer', toBoardItem(outcome.order, outcome.distanceM ?? null, outcome.expiresAt));
      await this.feed.publish('staff', 'order_changed', { ...toOrderView(outcome.order), offeredTo: memberId, offerExpiresAt: outcome.expiresAt.toISOString() });
    } else if (outcome.outcome.kind === 'exhausted' && outcome.order) {
      await this.feed.publish('staff', 'order_unassigned', toOrderView(outcome.order));
    }
    return outcome.outcome;
  }

  /** The timeout of one offer: if it is still open and due, it lapses and the next courier is asked. */
  async expire(offerId: string): Promise<'expired' | 'not-due' | 'settled'> {
    const now = this.clock.now();
    const result = await this.tx.run(async (tx) => {
      const offer = await this.offers.lock(tx, offerId);
      if (!offer || offer.status !== 'offered') return { state: 'settled' as const };
      if (offer.expiresAt.getTime() > now.getTime()) return { state: 'not-due' as const, offer };
      if (!(await this.offers.respond(tx, offerId, 'expired', now))) return { state: 'settled' as const };
      return { state: 'expired' as const, offer };
    });
    if (result.state === 'not-due' && result.offer) {
      // Fired early (clocks differ): wait out the rest.
      await this.queues.add(JobName.OfferExpire, { offerId }, { delay: result.offer.expiresAt.getTime() - now.getTime(), jobId: `${offerExpiryJobId(offerId)}-again-${now.getTime()}` });
    }
    if (result.state === 'expired' && result.offer) {
      await this.feed.publish(`courier:${result.offer.memberId}`, 'offer_withdrawn', { orderId: result.offer.orderId, reason: 'expired' });
      await this.offerNext(result.offer.orderId);
    }
    return result.state;
  }

  /**
   * Lapses overdue offers, re-drives offer-mode orders left without one, and hands
   * broadcast jobs nobody took to the dispatchers.
   */
  async sweep(): Promise<{ expired: number; redriven: number; unclaimed: number }> {
    const now = this.clock.now();
    let expired = 0;
    // One bad order must not stop the sweep for the others behind it.
    for (const id of await this.offers.overdue(now, 500)) {
      try {
        if ((await this.expire(id)) === 'expired') expired++;
      } catch (err) {
        this.log.error(`sweep: offer ${id} could not lapse: ${String(err)}`);
      }
    }
    let redriven = 0;
    for (const orderId of await this.orders.stalledOffers(new Date(now.getTime() - 5000), 500)) {
      try {
        if ((await this.offerNext(orderId)).kind !== 'none') redriven++;
      } catch (err) {
        this.log.error(`sweep: order ${orderId} could not be offered: ${String(err)}`);
      }
    }
    const untaken = await this.orders.flagUntakenBroadcasts(new Date(now.getTime() - this.config.dispatch.broadcastTimeoutSec * 1000), 500);
    for (const order of untaken) await this.feed.publish('staff', 'order_unassigned', toOrderView(order));
    if (expired || redriven || untaken.length) this.log.log(`sweep: ${expired} offers lapsed, ${redriven} orders re-offered, ${untaken.length} broadcasts to dispatchers`);
    return { expired, redriven, unclaimed: untaken.length };
  }
}
