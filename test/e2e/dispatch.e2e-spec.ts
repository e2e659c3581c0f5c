import type { INestApplicationContext } from '@nestjs/common';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { FixedClock } from '@dure/common';
import { TrackWriter, offerExpiryJobId } from '@dure/dispatch';
import { JobName, QueueName, bullConnection } from '@dure/queue';
import { waitFor } from '@dure/testing';
import { API, ApiHarness, bearer } from '../support/api-harness';
import { DAEGU, eastOf, onlineCourier, orderBody, startWorker } from '../support/dispatch-helpers';
import { openSse } from '../support/sse';

describe('dispatch', () => {
  const clock = new FixedClock(new Date());
  let h: ApiHarness;
  let worker: INestApplicationContext;
  let db: DataSource;
  let dispatcher: string;
  let dispatchQueue: Queue;

  beforeAll(async () => {
    h = await ApiHarness.start({ label: 'dispatch', clock, env: { DURE_DISPATCH_MODE: 'broadcast', DURE_OFFER_SECONDS: '30', DURE_DISPATCH_RADIUS_M: '3000' } });
    worker = await startWorker(h.env, clock);
    db = h.app.get(DataSource);
    dispatcher = await h.staff(['dispatcher']);
    dispatchQueue = new Queue(QueueName.Dispatch, { connection: bullConnection(h.env.config.redisUrl), prefix: h.env.redisPrefix });
  });
  afterAll(async () => {
    await dispatchQueue.close();
    await worker.close();
    await h.close();
  });

  const newOrder = async (over: object = {}) => (await h.http().post(`${API}/admin/orders`).set(bearer(dispatcher)).send(orderBody(over)).expect(201)).body;
  const liveOffer = async (orderId: string) =>
    (await db.query(`SELECT id, member_id FROM dispatch_offer WHERE order_id = $1 AND status = 'offered'`, [orderId]))[0] as { id: string; member_id: string } | undefined;

  describe('presence and positions', () => {
    it.each([
      [{ points: [{ lat: 91, lng: 128.6, recordedAt: new Date().toISOString() }] }, 'points.0.lat'],
      [{ points: [{ lat: 35.8, lng: -181, recordedAt: new Date().toISOString() }] }, 'points.0.lng'],
      [{ points: [{ lat: 35.8, lng: 128.6, recordedAt: 'now' }] }, 'points.0.recordedAt'],
      [{ points: [] }, 'points'],
      [{ points: Array.from({ length: 101 }, () => ({ lat: 35.8, lng: 128.6, recordedAt: new Date().toISOString() })) }, 'points'],
      [{ points: [{ lat: 35.8, lng: 128.6, accuracyM: -1, recordedAt: new Date().toISOString() }] }, 'points.0.accuracyM'],
      [{ points: [{ lat: 86, lng: 128.6, recordedAt: new Date().toISOString() }] }, 'points.0.lat'],
      [{ points: [{ lat: 35.8, lng: 128.6, recordedAt: '2026-W47-1' }] }, 'points.0.recordedAt'],
      [{ points: [{ lat: 35.8, lng: 128.6, recordedAt: '2026-11-22T09:30:00' }] }, 'points.0.recordedAt'],
    ])('impossible input %# → 400 naming %s', async (body, field) => {
      const c = await h.activeCourier();
      const res = await h.http().post(`${API}/courier/locations`).set(bearer(c.token)).send(body).expect(400);
      expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
    });

    it('a point from the future (beyond the skew) or more than a day old → 400', async () => {
      const c = await h.activeCourier();
      const future = await h.http().post(`${API}/courier/locations`).set(bearer(c.token)).send({ points: [{ ...DAEGU.dongseongno, recordedAt: new Date(clock.now().getTime() + 600_000).toISOString() }] }).expect(400);
      expect(future.body).toMatchObject({ code: 'DISPATCH.INVALID_LOCATION', details: [{ field: 'points.0.recordedAt', reason: 'is in the future' }] });
      await h.http().post(`${API}/courier/locations`).set(bearer(c.token)).send({ points: [{ ...DAEGU.dongseongno, recordedAt: '2020-01-01T00:00:00Z' }] }).expect(400);
    });

    it('a suspended member cannot go online', async () => {
      const c = await h.activeCourier();
      await h.http().post(`${API}/admin/members/${c.memberId}/suspend`).set(bearer(await h.admin())).send({ reason: 'x' }).expect(200);
      const res = await h.http().put(`${API}/courier/presence`).set(bearer(c.token)).send({ online: true }).expect(409);
      expect(res.body.code).toBe('DISPATCH.COURIER_NOT_ACTIVE');
    });

    it('the track is persisted in batches, a point reported twice stored once', async () => {
      const c = await onlineCourier(h, DAEGU.dongseongno, { now: clock.now() });
      const base = clock.now().getTime() - 60_000;
      const points = Array.from({ length: 20 }, (_, i) => ({ ...eastOf(DAEGU.dongseongno, i * 10), accuracyM: 4, recordedAt: new Date(base + i * 1000).toISOString() }));
      const res = await h.http().post(`${API}/courier/locations`).set(bearer(c.token)).send({ points }).expect(202);
      expect(res.body).toEqual({ accepted: 20, online: true });
      await h.http().post(`${API}/courier/locations`).set(bearer(c.token)).send({ points: points.slice(0, 5) }).expect(202);
      await waitFor(async () => Number((await db.query(`SELECT count(*) AS n FROM location_point WHERE member_id = $1`, [c.memberId]))[0].n) >= 21, { what: 'the track writer' });
      const n = Number((await db.query(`SELECT count(*) AS n FROM location_point WHERE member_id = $1`, [c.memberId]))[0].n);
      expect(n).toBe(21); // 20 new + the first position; the 5 repeats added nothing
      expect(worker.get(TrackWriter)).toBeDefined();
    });
  });

  describe('broadcast', () => {
    it('the board shows open jobs for the right vehicle within the radius, without contact details', async () => {
      const near = await onlineCourier(h, eastOf(DAEGU.dongseongno, 500), { now: clock.now() });
      const far = await onlineCourier(h, DAEGU.seongseo, { now: clock.now() });
      const truck = await onlineCourier(h, DAEGU.dongseongno, { vehicleType: 'truck_1t', now: clock.now() });
      const order = await newOrder();
      const board = await h.http().get(`${API}/courier/jobs/board`).set(bearer(near.token)).expect(200);
      const item = board.body.find((i: { id: string }) => i.id === order.id);
      expect(item).toMatchObject({ dispatchMode: 'broadcast', fareWon: order.fareWon });
      expect(item.pickupDistanceM).toBeGreaterThan(400);
      expect(item.pickup).not.toHaveProperty('contactPhone');
      const farBoard = await h.http().get(`${API}/courier/jobs/board`).set(bearer(far.token)).expect(200);
      expect(farBoard.body.map((i: { id: string }) => i.id)).not.toContain(order.id);
      const truckBoard = await h.http().get(`${API}/courier/jobs/board`).set(bearer(truck.token)).expect(200);
      expect(truckBoard.body.map((i: { id: string }) => i.id)).not.toContain(order.id);
    });

    it('an offline courier has no board', async () => {
      const c = await h.activeCourier();
      const res = await h.http().get(`${API}/courier/jobs/board`).set(bearer(c.token)).expect(409);
      expect(res.body.code).toBe('DISPATCH.NOT_ONLINE');
    });

    it('50 couriers racing to accept one order: exactly one 200 and 49 × 409, and the database agrees', async () => {
      const couriers = await Promise.all(Array.from({ length: 50 }, (_, i) => onlineCourier(h, eastOf(DAEGU.dongseongno, 100 + i * 10), { now: clock.now() })));
      const order = await newOrder();
      const results = await Promise.all(couriers.map((c) => h.http().post(`${API}/courier/jobs/${order.id}/accept`).set(bearer(c.token))));
      const winners = results.filter((r) => r.status === 200);
      expect(winners).toHaveLength(1);
      expect(results.filter((r) => r.status === 409)).toHaveLength(49);
      expect(results.filter((r) => r.status === 409).every((r) => r.body.code === 'DISPATCH.ALREADY_ASSIGNED')).toBe(true);
      expect(winners[0].body).toMatchObject({ status: 'assigned' });
      const row = await db.query(`SELECT status, assigned_member_id FROM delivery_order WHERE id = $1`, [order.id]);
      expect(row[0]).toEqual({ status: 'assigned', assigned_member_id: winners[0].body.assignedMemberId });
      const events = await db.query(`SELECT count(*) AS n FROM order_event WHERE order_id = $1 AND status = 'assigned'`, [order.id]);
      expect(Number(events[0].n)).toBe(1);
      // The winner accepting again is told it has the job; the job is in their list.
      const winner = couriers.find((c) => c.memberId === winners[0].body.assignedMemberId);
      await h.http().post(`${API}/courier/jobs/${order.id}/accept`).set(bearer(winner?.token ?? '')).expect(200);
      const jobs = await h.http().get(`${API}/courier/jobs`).set(bearer(winner?.token ?? '')).expect(200);
      expect(jobs.body.items.map((o: { id: string }) => o.id)).toContain(order.id);
    });

    it('a broadcast job beyond the radius cannot be taken, even knowing its id', async () => {
      const far = await onlineCourier(h, DAEGU.gunwi, { now: clock.now() });
      const order = await newOrder();
      const res = await h.http().post(`${API}/courier/jobs/${order.id}/accept`).set(bearer(far.token)).expect(409);
      expect(res.body.code).toBe('DISPATCH.TOO_FAR');
    });

    it('a late, older report does not move a courier back in time', async () => {
      const c = await onlineCourier(h, eastOf(DAEGU.dongseongno, 300), { now: clock.now() });
      const old = new Date(clock.now().getTime() - 10 * 60_000).toISOString();
      await h.http().post(`${API}/courier/locations`).set(bearer(c.token)).send({ points: [{ ...DAEGU.seongseo, recordedAt: old }] }).expect(202);
      await h.http().get(`${API}/courier/jobs/board`).set(bearer(c.token)).expect(200);
    });

    it('the wrong vehicle cannot accept', async () => {
      const truck = await onlineCourier(h, DAEGU.dongseongno, { vehicleType: 'truck_1t', now: clock.now() });
      const order = await newOrder();
      const res = await h.http().post(`${API}/courier/jobs/${order.id}/accept`).set(bearer(truck.token)).expect(409);
      expect(res.body.code).toBe('DISPATCH.VEHICLE_MISMATCH');
    });
  });

  describe('sequential offers', () => {
    it('offers the nearest eligible courier first, moves on when declined, and back to dispatchers when nobody is left', async () => {
      const spot = DAEGU.chilgok;
      const a = await onlineCourier(h, eastOf(spot, 200), { now: clock.now() });
      const b = await onlineCourier(h, eastOf(spot, 800), { now: clock.now() });
      const suspended = await onlineCourier(h, eastOf(spot, 50), { now: clock.now() });
      await h.http().post(`${API}/admin/members/${suspended.memberId}/suspend`).set(bearer(await h.admin())).send({ reason: '점검' }).expect(200);
      const order = await newOrder({ dispatchMode: 'offer', pickup: { address: '반월당', ...spot, contactName: '갑', contactPhone: '053-000-0000' } });

      const first = await waitFor(() => liveOffer(order.id), { what: 'the first offer' });
      expect(first.member_id).toBe(a.memberId);
      const board = await h.http().get(`${API}/courier/jobs/board`).set(bearer(a.token)).expect(200);
      expect(board.body.find((i: { id: string }) => i.id === order.id)).toHaveProperty('offerExpiresAt');
      // b cannot take it while it is offered to a.
      const notYours = await h.http().post(`${API}/courier/jobs/${order.id}/accept`).set(bearer(b.token)).expect(409);
      expect(notYours.body.code).toBe('DISPATCH.NO_OFFER');

      await h.http().post(`${API}/courier/jobs/${order.id}/decline`).set(bearer(a.token)).expect(200);
      const second = await waitFor(() => liveOffer(order.id), { what: 'the second offer' });
      expect(second.member_id).toBe(b.memberId);

      await h.http().post(`${API}/courier/jobs/${order.id}/decline`).set(bearer(b.token)).expect(200);
      await waitFor(async () => (await h.http().get(`${API}/admin/orders/${order.id}`).set(bearer(dispatcher))).body.needsDispatcher === true, { what: 'the order to return to the dispatchers' });
      const detail = await h.http().get(`${API}/admin/orders/${order.id}`).set(bearer(dispatcher));
      expect(detail.body.offers.map((o: { memberId: string; status: string }) => [o.memberId, o.status])).toEqual([
        [a.memberId, 'declined'],
        [b.memberId, 'declined'],
      ]);
      const queue = await h.http().get(`${API}/admin/orders`).query({ needsDispatcher: true }).set(bearer(dispatcher)).expect(200);
      expect(queue.body.items.map((o: { id: string }) => o.id)).toContain(order.id);
    });

    it('an offer that times out moves to the next courier (time driven, not slept through)', async () => {
      const spot = DAEGU.ansim;
      const a = await onlineCourier(h, eastOf(spot, 100), { now: clock.now() });
      const b = await onlineCourier(h, eastOf(spot, 900), { now: clock.now() });
      const order = await newOrder({ dispatchMode: 'offer', pickup: { address: '동대구역', ...spot, contactName: '을', contactPhone: '053-000-0000' } });
      const first = await waitFor(() => liveOffer(order.id), { what: 'the first offer' });
      expect(first.member_id).toBe(a.memberId);

      // Not yet due: a timeout that fires early changes nothing.
      const job = await dispatchQueue.getJob(offerExpiryJobId(first.id));
      expect(await job?.getState()).toBe('delayed');

      clock.advance(31_000);
      await job?.promote();
      const second = await waitFor(async () => {
        const o = await liveOffer(order.id);
        return o && o.member_id !== a.memberId ? o : undefined;
      }, { what: 'the offer to move on' });
      expect(second.member_id).toBe(b.memberId);
      const expired = await db.query(`SELECT status FROM dispatch_offer WHERE id = $1`, [first.id]);
      expect(expired[0].status).toBe('expired');
      // The lapsed offer can no longer be accepted; the live one can.
      await h.http().post(`${API}/courier/jobs/${order.id}/accept`).set(bearer(a.token)).expect(409);
      // b's position is a minute old now, still fresh (stale limit 120 s).
      await h.http().post(`${API}/courier/jobs/${order.id}/accept`).set(bearer(b.token)).expect(200);
    });

    it('a courier already on a job is not offered another', async () => {
      const spot = DAEGU.hwawon;
      const busy = await onlineCourier(h, eastOf(spot, 50), { now: clock.now() });
      const free = await onlineCourier(h, eastOf(spot, 1200), { now: clock.now() });
      const held = await newOrder({ dispatchMode: 'manual' });
      await h.http().post(`${API}/admin/orders/${held.id}/assign`).set(bearer(dispatcher)).send({ memberId: busy.memberId }).expect(200);
      const order = await newOrder({ dispatchMode: 'offer', pickup: { address: '화원', ...spot, contactName: '무', contactPhone: '053-000-0000' } });
      const offer = await waitFor(() => liveOffer(order.id), { what: 'an offer' });
      expect(offer.member_id).toBe(free.memberId);
    });

    it('an expiry job lost in a crash is caught by the sweep', async () => {
      const spot = DAEGU.suseongLake;
      const a = await onlineCourier(h, eastOf(spot, 100), { now: clock.now() });
      const b = await onlineCourier(h, eastOf(spot, 600), { now: clock.now() });
      const order = await newOrder({ dispatchMode: 'offer', pickup: { address: '수성못', ...spot, contactName: '병', contactPhone: '053-000-0000' } });
      const first = await waitFor(() => liveOffer(order.id), { what: 'the first offer' });
      expect(first.member_id).toBe(a.memberId);
      await (await dispatchQueue.getJob(offerExpiryJobId(first.id)))?.remove();

      clock.advance(31_000);
      await dispatchQueue.add(JobName.DispatchSweep, {});
      const second = await waitFor(async () => {
        const o = await liveOffer(order.id);
        return o && o.member_id !== a.memberId ? o : undefined;
      }, { what: 'the sweep to move the offer on' });
      expect(second.member_id).toBe(b.memberId);
    });
  });

  it('a broadcast job nobody takes goes to the dispatchers after the timeout', async () => {
    const order = await newOrder({ pickup: { address: '먼 곳', ...DAEGU.gunwi, contactName: '기', contactPhone: '053-000-0000' } });
    clock.advance(301_000);
    await dispatchQueue.add(JobName.DispatchSweep, {});
    await waitFor(async () => (await h.http().get(`${API}/admin/orders/${order.id}`).set(bearer(dispatcher))).body.needsDispatcher === true, {
      what: 'the sweep to flag the order',
    });
  });

  describe('real time', () => {
    it('SSE delivers an offer to a connected courier, and assigned after accepting', async () => {
      const spot = DAEGU.dalseong;
      const c = await onlineCourier(h, eastOf(spot, 100), { now: clock.now() });
      const sse = await openSse(h.app, `${API}/courier/jobs/stream`, c.token);
      try {
        expect(sse.status).toBe(200);
        expect(sse.contentType).toContain('text/event-stream');
        const order = await newOrder({ dispatchMode: 'offer', pickup: { address: '달성', ...spot, contactName: '정', contactPhone: '053-000-0000' } });
        const offer = await waitFor(() => sse.events.find((e) => e.event === 'offer'), { what: 'an offer event' });
        expect(offer.data).toMatchObject({ id: order.id, dispatchMode: 'offer', offerExpiresAt: expect.any(String) });
        await h.http().post(`${API}/courier/jobs/${order.id}/accept`).set(bearer(c.token)).expect(200);
        const assigned = await waitFor(() => sse.events.find((e) => e.event === 'assigned'), { what: 'an assigned event' });
        expect(assigned.data).toMatchObject({ id: order.id, status: 'assigned', assignedMemberId: c.memberId });
      } finally {
        sse.close();
      }
    });

    it("dispatchers' board stream sees orders change", async () => {
      const sse = await openSse(h.app, `${API}/admin/dispatch/stream`, dispatcher);
      try {
        const order = await newOrder({ dispatchMode: 'manual' });
        const created = await waitFor(() => sse.events.find((e) => e.event === 'order_changed' && (e.data as { id: string }).id === order.id), { what: 'order_changed' });
        expect(created.data).toMatchObject({ status: 'requested' });
        await h.http().post(`${API}/admin/orders/${order.id}/cancel`).set(bearer(dispatcher)).send({ reason: '테스트' }).expect(200);
        await waitFor(() => sse.events.find((e) => (e.data as { id?: string; status?: string }).id === order.id && (e.data as { status: string }).status === 'cancelled'), { what: 'the cancellation' });
      } finally {
        sse.close();
      }
    });

    it('the stream needs a courier token', async () => {
      await h.http().get(`${API}/courier/jobs/stream`).expect(401);
      await h.http().get(`${API}/courier/jobs/stream`).set(bearer(dispatcher)).expect(403);
      const courier = await h.activeCourier();
      await h.http().get(`${API}/admin/dispatch/stream`).set(bearer(courier.token)).expect(403);
    });
  });
});
