import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Page, PageRequest, pageOffset, seoulStartOfDay, toPage } from '@dure/common';
import { Tx, isUniqueViolation, sqlRows, wonFromDb } from '@dure/database';
import { DeliveryOrder, OrderStatus } from '../entities/order.entity';
import { OrderEvent } from '../entities/order-event.entity';
import { DispatchErrors } from '../dispatch.errors';

export interface OrderFilter {
  status?: OrderStatus;
  /** Business date (Asia/Seoul) the order was created. */
  date?: string;
  clientId?: string;
  memberId?: string;
  needsDispatcher?: boolean;
}

export type NewOrder = Omit<DeliveryOrder, 'orderNo' | 'updatedAt'>;

/** The order's columns under its entity's property names. */
const ORDER_COLUMNS: [column: string, property: keyof DeliveryOrder][] = [
  ['id', 'id'], ['order_no', 'orderNo'], ['status', 'status'], ['pickup_address', 'pickupAddress'], ['pickup_lat', 'pickupLat'], ['pickup_lng', 'pickupLng'],
  ['pickup_contact_name', 'pickupContactName'], ['pickup_contact_phone', 'pickupContactPhone'], ['dropoff_address', 'dropoffAddress'],
  ['dropoff_lat', 'dropoffLat'], ['dropoff_lng', 'dropoffLng'], ['dropoff_contact_name', 'dropoffContactName'],
  ['dropoff_contact_phone', 'dropoffContactPhone'], ['item_description', 'itemDescription'], ['vehicle_type', 'vehicleType'],
  ['urgency', 'urgency'], ['payment_method', 'paymentMethod'], ['client_id', 'clientId'], ['fare_won', 'fareWon'], ['fare_source', 'fareSource'],
  ['quoted_fare_won', 'quotedFareWon'], ['pricing_rule_set_id', 'pricingRuleSetId'], ['distance_m', 'distanceM'], ['dispatch_mode', 'dispatchMode'],
  ['needs_dispatcher', 'needsDispatcher'], ['assigned_member_id', 'assignedMemberId'], ['fee_won', 'feeWon'], ['created_by_type', 'createdByType'],
  ['created_by_id', 'createdById'], ['created_at', 'createdAt'], ['assigned_at', 'assignedAt'], ['picked_up_at', 'pickedUpAt'],
  ['delivered_at', 'deliveredAt'], ['cancelled_at', 'cancelledAt'], ['failed_at', 'failedAt'], ['cancel_reason', 'cancelReason'],
  ['fail_reason', 'failReason'], ['recipient_name', 'recipientName'], ['proof_photo_key', 'proofPhotoKey'], ['updated_at', 'updatedAt'],
];
const INSERTED = ORDER_COLUMNS.filter(([c]) => c !== 'order_no' && c !== 'updated_at');
const BIGINTS = new Set<keyof DeliveryOrder>(['orderNo', 'fareWon', 'quotedFareWon', 'feeWon']);

function orderFromRow(row: Record<string, unknown>): DeliveryOrder {
  const order = {} as Record<string, unknown>;
  for (const [column, property] of ORDER_COLUMNS) {
    const v = row[column];
    order[property] = BIGINTS.has(property) && v !== null ? wonFromDb(v as string) : v;
  }
  return order as unknown as DeliveryOrder;
}

/** Side effects recorded with a new order in the same statement. */
export interface OrderCreationRecords {
  event: { actorType: string; actorId: string };
  /** Absent when nothing needs to happen next (a manual order waits for a dispatcher). */
  outbox?: { topic: string; payload: object };
  audit?: { actorType: string; actorId: string; action: string; details: object; requestId?: string; ip?: string };
}

@Injectable()
export class OrderRepository {
  constructor(private readonly dataSource: DataSource) {}

  private repo(tx?: Tx) {
    return (tx ?? this.dataSource.manager).getRepository(DeliveryOrder);
  }

  /**
   * Creates an order with its first event, its outbox event and (for staff) its audit entry
   * in one statement: atomic without a transaction of several round trips, which made order
   * creation the slowest write in the API.
   */
  async create(order: NewOrder, records: OrderCreationRecords): Promise<DeliveryOrder> {
    const values = INSERTED.map(([, property]) => (order as Partial<DeliveryOrder>)[property] as unknown);
    const n = values.length;
    const placeholders = values.map((_, i) => `$${i + 1}`).join(', ');
    const params = [...values, records.event.actorType, records.event.actorId, records.outbox?.topic ?? null, JSON.stringify(records.outbox?.payload ?? null)];
    const audit = records.audit;
    if (audit) params.push(audit.actorType, audit.actorId, audit.action, JSON.stringify(audit.details), audit.requestId ?? null, audit.ip ?? null);
    const rows = await sqlRows<Record<string, unknown>>(
      this.dataSource.manager,
      `WITH o AS (
         INSERT INTO delivery_order (${INSERTED.map(([c]) => c).join(', ')}) VALUES (${placeholders}) RETURNING *
       ), e AS (
         INSERT INTO order_event (order_id, status, at, actor_type, actor_id) SELECT id, status, created_at, $${n + 1}, $${n + 2} FROM o
       ), x AS (
         INSERT INTO outbox_event (topic, payload) SELECT $${n + 3}, $${n + 4}::jsonb FROM o WHERE $${n + 3}::text IS NOT NULL
       )${
         audit
           ? `, a AS (
         INSERT INTO audit_log (at, actor_type, actor_id, action, target_type, target_id, details, request_id, ip)
         SELECT created_at, $${n + 5}, $${n + 6}, $${n + 7}, 'order', id::text, $${n + 8}::jsonb, $${n + 9}, $${n + 10} FROM o
       )`
           : ''
       }
       SELECT * FROM o`,
      params,
    );
    return orderFromRow(rows[0]);
  }

  findById(id: string, tx?: Tx): Promise<DeliveryOrder | null> {
    return this.repo(tx).findOneBy({ id });
  }

  /** A client's own order; another client's is as good as missing. */
  findForClient(clientId: string, id: string): Promise<DeliveryOrder | null> {
    return this.repo().findOneBy({ id, clientId });
  }

  /** Locks the order for a change; null when it does not exist. */
  lock(tx: Tx, id: string): Promise<DeliveryOrder | null> {
    return this.repo(tx).createQueryBuilder('o').setLock('pessimistic_write').where('o.id = :id', { id }).getOne();
  }

  async update(tx: Tx, id: string, changes: Partial<DeliveryOrder>): Promise<DeliveryOrder> {
    await this.repo(tx).update({ id }, { ...changes, updatedAt: () => 'now()' } as never);
    return this.repo(tx).findOneByOrFail({ id });
  }

  /** Fixes the fee of a delivered job (billing, inside the delivery's transaction). */
  async setFee(tx: Tx, id: string, fee: { feeWon: number; rateBps: number; policyId: string }): Promise<void> {
    await tx.query(`UPDATE delivery_order SET fee_won = $2, fee_rate_bps = $3, fee_policy_id = $4 WHERE id = $1`, [id, fee.feeWon, fee.rateBps, fee.policyId]);
  }

  async insertEvent(tx: Tx, event: Omit<OrderEvent, 'id' | 'recordedAt'>): Promise<void> {
    try {
      await tx.getRepository(OrderEvent).insert(event);
    } catch (err) {
      if (isUniqueViolation(err, 'uq_order_event_client_event')) throw DispatchErrors.eventIdReused();
      throw err;
    }
  }

  findEventByClientId(tx: Tx, orderId: string, eventId: string): Promise<OrderEvent | null> {
    return tx.getRepository(OrderEvent).findOneBy({ orderId, eventId });
  }

  events(orderId: string): Promise<OrderEvent[]> {
    return this.dataSource.getRepository(OrderEvent).find({ where: { orderId }, order: { id: 'ASC' } });
  }

  async list(filter: OrderFilter, page: PageRequest): Promise<Page<DeliveryOrder>> {
    const qb = this.repo().createQueryBuilder('o');
    if (filter.status) qb.andWhere('o.status = :status', { status: filter.status });
    if (filter.clientId) qb.andWhere('o.client_id = :clientId', { clientId: filter.clientId });
    if (filter.memberId) qb.andWhere('o.assigned_member_id = :memberId', { memberId: filter.memberId });
    if (filter.needsDispatcher !== undefined) qb.andWhere('o.needs_dispatcher = :nd', { nd: filter.needsDispatcher });
    if (filter.date) {
      const from = seoulStartOfDay(filter.date);
      qb.andWhere('o.created_at >= :from AND o.created_at < :to', { from, to: new Date(from.getTime() + 86_400_000) });
    }
    const [items, total] = await qb
      .orderBy('o.created_at', 'DESC')
      .addOrderBy('o.order_no', 'DESC')
      .offset(pageOffset(page))
      .limit(page.limit)
      .getManyAndCount();
    return toPage(items, total, page);
  }

  /** A courier's own jobs: active (assigned, picked up) or done (delivered, failed). */
  async forCourier(memberId: string, state: 'active' | 'done', page: PageRequest): Promise<Page<DeliveryOrder>> {
    const statuses = state === 'active' ? ['assigned', 'picked_up'] : ['delivered', 'failed'];
    const [items, total] = await this.repo()
      .createQueryBuilder('o')
      .where('o.assigned_member_id = :memberId AND o.status IN (:...statuses)', { memberId, statuses })
      .orderBy('o.assigned_at', 'DESC')
      .offset(pageOffset(page))
      .limit(page.limit)
      .getManyAndCount();
    return toPage(items, total, page);
  }

  /** Open broadcast jobs for a vehicle with the pickup inside the box around a point, oldest first. */
  openBroadcast(vehicleType: string, near: { lat: number; lng: number }, radiusM: number, limit: number): Promise<DeliveryOrder[]> {
    const dLat = radiusM / 111_320;
    const dLng = radiusM / (111_320 * Math.max(0.01, Math.cos((near.lat * Math.PI) / 180)));
    return this.repo()
      .createQueryBuilder('o')
      .where(`o.status = 'requested' AND o.dispatch_mode = 'broadcast' AND o.vehicle_type = :vehicleType`, { vehicleType })
      .andWhere('o.pickup_lat BETWEEN :latMin AND :latMax AND o.pickup_lng BETWEEN :lngMin AND :lngMax', {
        latMin: near.lat - dLat,
        latMax: near.lat + dLat,
        lngMin: near.lng - dLng,
        lngMax: near.lng + dLng,
      })
      .orderBy('o.created_at', 'ASC')
      .limit(limit)
      .getMany();
  }

  /** Σ fares delivered since `from`, per courier (0 for those with none). */
  async earningsSince(memberIds: string[], from: Date): Promise<Map<string, number>> {
    const result = new Map(memberIds.map((id) => [id, 0]));
    if (memberIds.length === 0) return result;
    const rows = await sqlRows<{ member_id: string; won: string }>(
      this.dataSource.manager,
      `SELECT assigned_member_id AS member_id, sum(fare_won) AS won FROM delivery_order
        WHERE status = 'delivered' AND assigned_member_id = ANY($1::uuid[]) AND delivered_at >= $2
        GROUP BY assigned_member_id`,
      [memberIds, from],
    );
    for (const r of rows) result.set(r.member_id, wonFromDb(r.won));
    return result;
  }

  /** How many jobs (assigned or picked up) each of these couriers holds now. */
  async activeJobCounts(memberIds: string[]): Promise<Map<string, number>> {
    if (memberIds.length === 0) return new Map();
    const rows = await sqlRows<{ member_id: string; n: number }>(
      this.dataSource.manager,
      `SELECT assigned_member_id AS member_id, count(*)::int AS n FROM delivery_order
        WHERE assigned_member_id = ANY($1::uuid[]) AND status IN ('assigned', 'picked_up') GROUP BY 1`,
      [memberIds],
    );
    return new Map(rows.map((r) => [r.member_id, r.n]));
  }

  /** Broadcast jobs nobody took since `olderThan`: flagged for the dispatchers and returned. */
  async flagUntakenBroadcasts(olderThan: Date, limit: number): Promise<DeliveryOrder[]> {
    const rows = await sqlRows<Record<string, unknown>>(
      this.dataSource.manager,
      `UPDATE delivery_order SET needs_dispatcher = true, updated_at = now()
        WHERE id IN (SELECT id FROM delivery_order
                      WHERE status = 'requested' AND dispatch_mode = 'broadcast' AND NOT needs_dispatcher AND created_at < $1
                      ORDER BY created_at LIMIT $2)
        RETURNING *`,
      [olderThan, limit],
    );
    return rows.map(orderFromRow);
  }

  /** Orders in offer mode that wait for a courier but have no live offer (a lost step). */
  async stalledOffers(olderThan: Date, limit: number): Promise<string[]> {
    const rows = await sqlRows<{ id: string }>(
      this.dataSource.manager,
      `SELECT o.id FROM delivery_order o
        WHERE o.status = 'requested' AND o.dispatch_mode = 'offer' AND NOT o.needs_dispatcher AND o.created_at < $1
          AND NOT EXISTS (SELECT 1 FROM dispatch_offer f WHERE f.order_id = o.id AND f.status = 'offered')
        ORDER BY o.created_at LIMIT $2`,
      [olderThan, limit],
    );
    return rows.map((r) => r.id);
  }
}
