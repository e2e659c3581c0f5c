import { DeliveryOrder } from './order.entity';
import { OrderEvent } from './order-event.entity';
import { PricingRuleSet } from './pricing-rule-set.entity';
import { DispatchOffer } from './dispatch-offer.entity';

export * from './order.entity';
export * from './order-event.entity';
export * from './pricing-rule-set.entity';
export * from './dispatch-offer.entity';

export const DISPATCH_ENTITIES = [DeliveryOrder, OrderEvent, PricingRuleSet, DispatchOffer];
