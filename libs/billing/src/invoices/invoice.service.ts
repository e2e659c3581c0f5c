import { Injectable } from '@nestjs/common';
import { seoulStartOfDay, toSeoulIso, toCsv } from '@dure/common';
import { BillingErrors } from '../billing.errors';
import { InvoiceRepository } from './invoice.repository';

export interface InvoiceLineView {
  orderId: string;
  orderNo: number;
  deliveredAt: string;
  pickupAddress: string;
  dropoffAddress: string;
  itemDescription: string;
  fareWon: number;
}

export interface InvoiceView {
  clientId: string;
  clientName: string;
  businessNo: string;
  month: string;
  jobCount: number;
  totalWon: number;
  lines: InvoiceLineView[];
}

/** The first instant of a month and of the next, in Asia/Seoul. */
export function monthBounds(month: string): { from: Date; to: Date } {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) throw BillingErrors.invalidMonth();
  const year = Number(m[1]);
  const mon = Number(m[2]);
  const next = mon === 12 ? `${year + 1}-01` : `${year}-${String(mon + 1).padStart(2, '0')}`;
  return { from: seoulStartOfDay(`${month}-01`), to: seoulStartOfDay(`${next}-01`) };
}

/** Monthly invoices of credit clients: their credit jobs delivered in the month. */
@Injectable()
export class InvoiceService {
  constructor(private readonly deliveries: InvoiceRepository) {}

  async forMonth(month: string, clientId?: string): Promise<InvoiceView[]> {
    const { from, to } = monthBounds(month);
    const invoices = new Map<string, InvoiceView>();
    for (const d of await this.deliveries.creditDeliveries(from, to, clientId)) {
      let inv = invoices.get(d.clientId);
      if (!inv) {
        inv = { clientId: d.clientId, clientName: d.clientName, businessNo: d.businessNo, month, jobCount: 0, totalWon: 0, lines: [] };
        invoices.set(d.clientId, inv);
      }
      inv.lines.push({
        orderId: d.orderId,
        orderNo: d.orderNo,
        deliveredAt: toSeoulIso(d.deliveredAt),
        pickupAddress: d.pickupAddress,
        dropoffAddress: d.dropoffAddress,
        itemDescription: d.itemDescription,
        fareWon: d.fareWon,
      });
      inv.jobCount += 1;
      inv.totalWon += d.fareWon;
    }
    return [...invoices.values()];
  }

  /** One row per job, client columns repeated, for Excel. */
  async csv(month: string): Promise<{ filename: string; csv: string }> {
    const invoices = await this.forMonth(month);
    const rows = invoices.flatMap((inv) =>
      inv.lines.map((l) => [inv.month, inv.clientName, inv.businessNo, l.orderNo, l.deliveredAt, l.pickupAddress, l.dropoffAddress, l.itemDescription, l.fareWon]),
    );
    const header = ['month', 'client', 'business_no', 'order_no', 'delivered_at', 'pickup', 'dropoff', 'item', 'fare_won'];
    return { filename: `dure-invoices-${month}.csv`, csv: toCsv(header, rows) };
  }
}
