import { toSeoulIso } from '@dure/common';
import type { DeliveryOrder, DispatchMode, OrderStatus, PaymentMethod } from '../entities/order.entity';
import type { OrderEvent } from '../entities/order-event.entity';
import type { Urgency, VehicleType } from '../pricing/pricing';

export interface StopView {
  address: string;
  lat: number;
  lng: number;
  contactName: string;
  contactPhone: string;
}

export interface OrderView {
  id: string;
  orderNo: number;
  status: OrderStatus;
  pickup: StopView;
  dropoff: StopView;
  itemDescription: string;
  vehicleType: VehicleType;
  urgency: Urgency;
  paymentMethod: PaymentMethod;
  clientId: string | null;
  fareWon: number;
  fareSource: 'rules' | 'agreed';
  /** Fixed at delivery by billing; null before. */
  feeWon: number | null;
  distanceM: number;
  dispatchMode: DispatchMode;
  needsDispatcher: boolean;
  assignedMemberId: string | null;
  createdAt: string;
  assignedAt: string | null;
  pickedUpAt: string | null;
  deliveredAt: string | null;
  cancelledAt: string | null;
  failedAt: string | null;
  cancelReason: string | null;
  failReason: string | null;
  recipientName: string | null;
  hasProofPhoto: boolean;
}

export interface OrderEventView {
  status: OrderStatus;
  at: string;
  actorType: string;
  actorId: string;
  eventId: string | null;
  reason: string | null;
}

export interface OrderDetailView extends OrderView {
  events: OrderEventView[];
}

/** What a courier sees of an open job before taking it: no contact details yet. */
export interface BoardItemView {
  id: string;
  orderNo: number;
  pickup: { address: string; lat: number; lng: number };
  dropoff: { address: string; lat: number; lng: number };
  itemDescription: string;
  vehicleType: VehicleType;
  urgency: Urgency;
  paymentMethod: PaymentMethod;
  fareWon: number;
  distanceM: number;
  /** From the courier's last position to the pickup. */
  pickupDistanceM: number | null;
  dispatchMode: DispatchMode;
  createdAt: string;
  /** For an offer: when it lapses. */
  offerExpiresAt?: string;
}

const iso = (d: Date | null) => (d ? toSeoulIso(d) : null);

export function toOrderView(o: DeliveryOrder): OrderView {
  return {
    id: o.id,
    orderNo: o.orderNo,
    status: o.status,
    pickup: { address: o.pickupAddress, lat: o.pickupLat, lng: o.pickupLng, contactName: o.pickupContactName, contactPhone: o.pickupContactPhone },
    dropoff: { address: o.dropoffAddress, lat: o.dropoffLat, lng: o.dropoffLng, contactName: o.dropoffContactName, contactPhone: o.dropoffContactPhone },
    itemDescription: o.itemDescription,
    vehicleType: o.vehicleType,
    urgency: o.urgency,
    paymentMethod: o.paymentMethod,
    clientId: o.clientId,
    fareWon: o.fareWon,
    fareSource: o.fareSource,
    feeWon: o.feeWon,
    distanceM: o.distanceM,
    dispatchMode: o.dispatchMode,
    needsDispatcher: o.needsDispatcher,
    assignedMemberId: o.assignedMemberId,
    createdAt: toSeoulIso(o.createdAt),
    assignedAt: iso(o.assignedAt),
    pickedUpAt: iso(o.pickedUpAt),
    deliveredAt: iso(o.deliveredAt),
    cancelledAt: iso(o.cancelledAt),
    failedAt: iso(o.failedAt),
    cancelReason: o.cancelReason,
    failReason: o.failReason,
    recipientName: o.recipientName,
    hasProofPhoto: o.proofPhotoKey !== null,
  };
}

export function toOrderEventView(e: OrderEvent): OrderEventView {
  return { status: e.status, at: toSeoulIso(e.at), actorType: e.actorType, actorId: e.actorId, eventId: e.eventId, reason: e.reason };
}

export function toBoardItem(o: DeliveryOrder, pickupDistanceM: number | null, offerExpiresAt?: Date): BoardItemView {
  return {
    id: o.id,
    orderNo: o.orderNo,
    pickup: { address: o.pickupAddress, lat: o.pickupLat, lng: o.pickupLng },
    dropoff: { address: o.dropoffAddress, lat: o.dropoffLat, lng: o.dropoffLng },
    itemDescription: o.itemDescription,
    vehicleType: o.vehicleType,
    urgency: o.urgency,
    paymentMethod: o.paymentMethod,
    fareWon: o.fareWon,
    distanceM: o.distanceM,
    pickupDistanceM,
    dispatchMode: o.dispatchMode,
    createdAt: toSeoulIso(o.createdAt),
    ...(offerExpiresAt ? { offerExpiresAt: toSeoulIso(offerExpiresAt) } : {}),
  };
}
