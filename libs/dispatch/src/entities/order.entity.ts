import { Column, Entity, PrimaryColumn } from 'typeorm';
import { MoneyColumn } from '@dure/database';
import type { Urgency, VehicleType } from '../pricing/pricing';

export type OrderStatus = 'requested' | 'assigned' | 'picked_up' | 'delivered' | 'cancelled' | 'failed';
export const ORDER_STATUSES: readonly OrderStatus[] = ['requested', 'assigned', 'picked_up', 'delivered', 'cancelled', 'failed'];
export type PaymentMethod = 'cash' | 'credit' | 'prepaid';
export const PAYMENT_METHODS: readonly PaymentMethod[] = ['cash', 'credit', 'prepaid'];
export type DispatchMode = 'broadcast' | 'offer' | 'manual';
export const DISPATCH_MODES: readonly DispatchMode[] = ['broadcast', 'offer', 'manual'];
export const URGENCIES: readonly Urgency[] = ['normal', 'express'];

const coordinate = { type: 'double precision' as const };

@Entity('delivery_order')
export class DeliveryOrder {
  @PrimaryColumn('uuid') id: string;
  @Column({ type: 'bigint', insert: false, update: false, transformer: { to: (v: number) => v, from: (v: string) => Number(v) } })
  orderNo: number;
  @Column('text') status: OrderStatus;
  @Column('text') pickupAddress: string;
  @Column(coordinate) pickupLat: number;
  @Column(coordinate) pickupLng: number;
  @Column('text') pickupContactName: string;
  @Column('text') pickupContactPhone: string;
  @Column('text') dropoffAddress: string;
  @Column(coordinate) dropoffLat: number;
  @Column(coordinate) dropoffLng: number;
  @Column('text') dropoffContactName: string;
  @Column('text') dropoffContactPhone: string;
  @Column('text') itemDescription: string;
  @Column('text') vehicleType: VehicleType;
  @Column('text') urgency: Urgency;
  @Column('text') paymentMethod: PaymentMethod;
  @Column({ type: 'uuid', nullable: true }) clientId: string | null;
  @MoneyColumn() fareWon: number;
  @Column('text') fareSource: 'rules' | 'agreed';
  @MoneyColumn() quotedFareWon: number;
  @Column({ type: 'uuid', nullable: true }) pricingRuleSetId: string | null;
  @Column('int') distanceM: number;
  @Column('text') dispatchMode: DispatchMode;
  @Column('boolean') needsDispatcher: boolean;
  @Column({ type: 'uuid', nullable: true }) assignedMemberId: string | null;
  @MoneyColumn({ nullable: true }) feeWon: number | null;
  @Column('text') createdByType: string;
  @Column('text') createdById: string;
  @Column('timestamptz') createdAt: Date;
  @Column({ type: 'timestamptz', nullable: true }) assignedAt: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) pickedUpAt: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) deliveredAt: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) cancelledAt: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) failedAt: Date | null;
  @Column({ type: 'text', nullable: true }) cancelReason: string | null;
  @Column({ type: 'text', nullable: true }) failReason: string | null;
  @Column({ type: 'text', nullable: true }) recipientName: string | null;
  @Column({ type: 'text', nullable: true }) proofPhotoKey: string | null;
  @Column('timestamptz') updatedAt: Date;
}
