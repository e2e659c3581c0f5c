import type { INestApplicationContext } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { FixedClock } from '@dure/common';
import { SettlementService } from '@dure/billing';
import { API, ApiHarness, bearer } from './api-harness';
import { orderBody } from './dispatch-helpers';

export interface Courier {
  memberId: string;
  token: string;
}

/**
 * A job placed, assigned, picked up and delivered at a given moment (the clock is moved
 * there), with an agreed fare so amounts are exact.
 */
export async function deliveredJob(
  h: ApiHarness,
  clock: FixedClock,
  staff: string,
  courier: Courier,
  job: { at: string; fareWon: number; paymentMethod: 'cash' | 'credit' | 'prepaid'; clientId?: string },
): Promise<{ orderId: string; feeWon: number }> {
  clock.set(job.at);
  const order = (
    await h
      .http()
      .post(`${API}/admin/orders`)
      .set(bearer(staff))
      .send(orderBody({ fareWon: job.fareWon, paymentMethod: job.paymentMethod, clientId: job.clientId, dispatchMode: 'manual' }))
      .expect(201)
  ).body;
  await h.http().post(`${API}/admin/orders/${order.id}/assign`).set(bearer(staff)).send({ memberId: courier.memberId }).expect(200);
  await h.http().post(`${API}/courier/jobs/${order.id}/pickup`).set(bearer(courier.token)).send({ eventId: randomUUID() }).expect(200);
  const done = await h.http().post(`${API}/courier/jobs/${order.id}/deliver`).set(bearer(courier.token)).send({ eventId: randomUUID(), recipientName: '수령' }).expect(200);
  return { orderId: order.id, feeWon: done.body.feeWon };
}

/** Requests a run over HTTP and executes it in the worker's service (as the job would). */
export async function settle(h: ApiHarness, worker: INestApplicationContext, staff: string, periodStart: string, periodEnd: string): Promise<string> {
  const res = await h.http().post(`${API}/admin/settlements/runs`).set(bearer(staff)).send({ periodStart, periodEnd }).expect(202);
  await worker.get(SettlementService).execute(res.body.runId);
  return res.body.runId;
}
