import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { OrderStatus } from './order.entity';

@Entity('order_event')
export class OrderEvent {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  @Column('uuid') orderId: string;
  @Column('text') status: OrderStatus;
  @Column('timestamptz') at: Date;
  @Column('timestamptz') recordedAt: Date;
  @Column('text') actorType: string;
  @Column('text') actorId: string;
  @Column({ type: 'text', nullable: true }) eventId: string | null;
  @Column({ type: 'text', nullable: true }) reason: string | null;
}
