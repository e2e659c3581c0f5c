import { Column, Entity, PrimaryColumn } from 'typeorm';

export type OfferStatus = 'offered' | 'accepted' | 'declined' | 'expired' | 'withdrawn';

@Entity('dispatch_offer')
export class DispatchOffer {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid') orderId: string;
  @Column('uuid') memberId: string;
  @Column('text') status: OfferStatus;
  @Column({ type: 'int', nullable: true }) distanceM: number | null;
  @Column('timestamptz') offeredAt: Date;
  @Column('timestamptz') expiresAt: Date;
  @Column({ type: 'timestamptz', nullable: true }) respondedAt: Date | null;
}
