import { Module } from '@nestjs/common';
import { MembershipModule } from '@dure/membership';
import { DispatchFeed } from './live/dispatch-feed';
import { DispatchDemoSeed } from './demo/dispatch-demo.seed';
import { DispatchFeedHub } from './live/dispatch-feed-hub';
import { AcceptanceService } from './offers/acceptance.service';
import { CourierEligibility, CoverGate } from './offers/eligibility';
import { OfferEngine } from './offers/offer-engine.service';
import { OfferRepository } from './offers/offer.repository';
import { CourierActionsService, DeliveryHooks } from './orders/courier-actions.service';
import { OrderCommandsService } from './orders/order-commands.service';
import { OrderQueryService } from './orders/order-query.service';
import { OrderRepository } from './orders/order.repository';
import { LocationService } from './presence/location.service';
import { PresenceService } from './presence/presence.service';
import { TrackRepository } from './presence/track.repository';
import { TrackWriter } from './presence/track-writer';
import { PricingRepository } from './pricing/pricing.repository';
import { PricingService } from './pricing/pricing.service';
import { LocalDiskProofStorage, ProofStorage } from './proof/proof-storage';

const services = [
  DeliveryHooks,
  DispatchDemoSeed,
  DispatchFeed,
  DispatchFeedHub,
  AcceptanceService,
  CourierEligibility,
  OfferEngine,
  CourierActionsService,
  OrderCommandsService,
  OrderQueryService,
  LocationService,
  PresenceService,
  TrackWriter,
  PricingService,
];

/** Pricing, orders, presence and positions, the three dispatch modes, proof of delivery. */
@Module({
  imports: [MembershipModule],
  providers: [
    ...services,
    OfferRepository,
    OrderRepository,
    TrackRepository,
    PricingRepository,
    { provide: ProofStorage, useClass: LocalDiskProofStorage },
    CoverGate,
  ],
  exports: [...services, OrderRepository, TrackRepository, ProofStorage, CoverGate],
})
export class DispatchModule {}
