import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { sqlRows, wonFromDb } from '@dure/database';

export interface CreditDelivery {
  clientId: string;
  clientName: string;
  businessNo: string;
  orderId: string;
  orderNo: number;
  deliveredAt: Date;
  pickupAddress: string;
  dropoffAddress: string;
  itemDescription: string;
  fareWon: number;
}

@Injectable()
export class InvoiceRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Credit jobs delivered in [from, to), by client name. */
  async creditDeliveries(from: Date, to: Date, clientId?: string): Promise<CreditDelivery[]> {
    const rows = await sqlRows<Record<string, unknown>>(
      this.dataSource.manager,
      `SELECT c.id AS client_id, c.name, c.business_no, o.id, o.order_no, o.delivered_at, o.pickup_address, o.dropoff_address,
              o.item_description, o.fare_won
         FROM delivery_order o JOIN client c ON c.id = o.client_id
        WHERE o.status = 'delivered' AND o.payment_method = 'credit' AND o.delivered_at >= $1 AND o.delivered_at < $2
          AND ($3::uuid IS NULL OR c.id = $3)
        ORDER BY c.name, c.id, o.delivered_at, o.order_no`,
      [from, to, clientId ?? null],
    );
    return rows.map((r) => ({
      clientId: r.client_id as string,
      clientName: r.name as string,
      businessNo: r.business_no as string,
      orderId: r.id as string,
      orderNo: Number(r.order_no),
      deliveredAt: r.delivered_at as Date,
      pickupAddress: r.pickup_address as string,
      dropoffAddress: r.dropoff_address as string,
      itemDescription: r.item_description as string,
      fareWon: wonFromDb(r.fare_won as string),
    }));
  }
}
