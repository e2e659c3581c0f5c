import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Tx, sqlRows } from '@dure/database';
import { DispatchOffer } from '../entities/dispatch-offer.entity';

@Injectable()
export class OfferRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(tx: Tx, offer: Omit<DispatchOffer, 'respondedAt'>): Promise<void> {
    await tx.getRepository(DispatchOffer).insert({ ...offer, respondedAt: null });
  }

  liveForOrder(tx: Tx, orderId: string): Promise<DispatchOffer | null> {
    return tx.getRepository(DispatchOffer).findOneBy({ orderId, status: 'offered' });
  }

  /** A courier's offers that have not lapsed. */
  async liveForMember(memberId: string, now: Date): Promise<DispatchOffer[]> {
    return this.dataSource
      .getRepository(DispatchOffer)
      .createQueryBuilder('f')
      .where(`f.member_id = :memberId AND f.status = 'offered' AND f.expires_at > :now`, { memberId, now })
      .getMany();
  }

  async offeredMembers(tx: Tx, orderId: string): Promise<Set<string>> {
    const rows = await sqlRows<{ member_id: string }>(tx, `SELECT member_id FROM dispatch_offer WHERE order_id = $1`, [orderId]);
    return new Set(rows.map((r) => r.member_id));
  }

  lock(tx: Tx, id: string): Promise<DispatchOffer | null> {
    return tx.getRepository(DispatchOffer).createQueryBuilder('f').setLock('pessimistic_write').where('f.id = :id', { id }).getOne();
  }

  /** Settles a live offer; false when it was no longer live (another answer came first). */
  async respond(tx: Tx, id: string, status: 'accepted' | 'declined' | 'expired', at: Date): Promise<boolean> {
    const rows = await sqlRows(tx, `UPDATE dispatch_offer SET status = $2, responded_at = $3 WHERE id = $1 AND status = 'offered' RETURNING 1`, [id, status, at]);
    return rows.length === 1;
  }

  /** Withdraws the live offer of an order; returns the courier it was for, if any. */
  async withdrawLive(tx: Tx, orderId: string, at: Date): Promise<string | null> {
    const rows = await sqlRows<{ member_id: string }>(
      tx,
      `UPDATE dispatch_offer SET status = 'withdrawn', responded_at = $2 WHERE order_id = $1 AND status = 'offered' RETURNING member_id`,
      [orderId, at],
    );
    return rows[0]?.member_id ?? null;
  }

  async overdue(now: Date, limit: number): Promise<string[]> {
    const rows = await sqlRows<{ id: string }>(
      this.dataSource.manager,
      `SELECT id FROM dispatch_offer WHERE status = 'offered' AND expires_at <= $1 ORDER BY expires_at LIMIT $2`,
      [now, limit],
    );
    return rows.map((r) => r.id);
  }

  forOrder(orderId: string): Promise<DispatchOffer[]> {
    return this.dataSource.getRepository(DispatchOffer).find({ where: { orderId }, order: { offeredAt: 'ASC' } });
  }
}
