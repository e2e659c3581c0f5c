import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { API, ApiHarness, bearer } from '../support/api-harness';
import { DAEGU, onlineCourier, orderBody } from '../support/dispatch-helpers';

// A 1x1 PNG and a JPEG header: enough for the type check.
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6300010000050001a5f645400000000049454e44ae426082', 'hex');

describe('orders', () => {
  let h: ApiHarness;
  let db: DataSource;
  let admin: string;
  let dispatcher: string;
  let creditClient: { id: string; apiKey: string };
  let cashClient: { id: string; apiKey: string };

  beforeAll(async () => {
    h = await ApiHarness.start({ label: 'orders', env: { DURE_DISPATCH_MODE: 'manual' } });
    db = h.app.get(DataSource);
    admin = await h.admin();
    dispatcher = await h.staff(['dispatcher']);
    creditClient = (await h.http().post(`${API}/admin/clients`).set(bearer(admin)).send({ name: '외상상사', businessNo: '201-20-20201', creditAccount: true }).expect(201)).body;
    cashClient = (await h.http().post(`${API}/admin/clients`).set(bearer(admin)).send({ name: '현금상사', businessNo: '301-30-30301', creditAccount: false }).expect(201)).body;
  });
  afterAll(() => h.close());

  const staffOrder = (over: object = {}) => h.http().post(`${API}/admin/orders`).set(bearer(dispatcher)).send(orderBody(over));
  const clientOrder = (key: string, over: object = {}) => h.http().post(`${API}/client/orders`).set('x-api-key', key).send(orderBody(over));

  async function assigned(over: object = {}) {
    const courier = await h.activeCourier();
    const order = (await staffOrder(over).expect(201)).body;
    await h.http().post(`${API}/admin/orders/${order.id}/assign`).set(bearer(dispatcher)).send({ memberId: courier.memberId }).expect(200);
    return { order, courier };
  }

  describe('creating', () => {
    it('a phone order takes the rules fare, or the fare agreed by phone', async () => {
      const ruled = await staffOrder().expect(201);
      expect(ruled.body).toMatchObject({ status: 'requested', fareSource: 'rules', distanceM: 6565, paymentMethod: 'cash', feeWon: null, assignedMemberId: null, dispatchMode: 'manual' });
      expect(ruled.body.fareWon % 1000).toBe(0);
      const agreed = await staffOrder({ fareWon: 15_000 }).expect(201);
      expect(agreed.body).toMatchObject({ fareWon: 15_000, fareSource: 'agreed' });
      const row = await db.query(`SELECT quoted_fare_won FROM delivery_order WHERE id = $1`, [agreed.body.id]);
      expect(Number(row[0].quoted_fare_won)).toBe(ruled.body.fareWon);
    });

    it('a client order always takes the rules fare; a client-supplied fare is refused', async () => {
      const res = await clientOrder(creditClient.apiKey, { paymentMethod: 'credit' }).expect(201);
      expect(res.body).toMatchObject({ clientId: creditClient.id, fareSource: 'rules', paymentMethod: 'credit' });
      const refused = await clientOrder(creditClient.apiKey, { fareWon: 1000 }).expect(400);
      expect(refused.body).toMatchObject({ code: 'REQUEST.UNKNOWN_FIELD', details: [{ field: 'fareWon' }] });
    });

    it('credit needs a client with a credit account', async () => {
      const noClient = await staffOrder({ paymentMethod: 'credit' }).expect(400);
      expect(noClient.body.code).toBe('DISPATCH.CREDIT_ACCOUNT_REQUIRED');
      const cash = await clientOrder(cashClient.apiKey, { paymentMethod: 'credit' }).expect(400);
      expect(cash.body.code).toBe('DISPATCH.CREDIT_ACCOUNT_REQUIRED');
      await staffOrder({ paymentMethod: 'credit', clientId: creditClient.id }).expect(201);
      const unknown = await staffOrder({ clientId: randomUUID() }).expect(400);
      expect(unknown.body.code).toBe('DISPATCH.CLIENT_NOT_FOUND');
    });

    it.each([
      [{ pickup: { address: 'x', lat: 95, lng: 128.6, contactName: 'a', contactPhone: '053-123-4567' } }, 'pickup.lat'],
      [{ dropoff: { address: 'x', lat: 35.8, lng: 128.6, contactName: 'a', contactPhone: 'call me' } }, 'dropoff.contactPhone'],
      [{ vehicleType: 'scooter' }, 'vehicleType'],
      [{ paymentMethod: 'bitcoin' }, 'paymentMethod'],
      [{ fareWon: 12.5 }, 'fareWon'],
      [{ fareWon: -1000 }, 'fareWon'],
      [{ dispatchMode: 'auction' }, 'dispatchMode'],
      [{ itemDescription: '' }, 'itemDescription'],
      [{ pickup: { address: 'x', lat: 86, lng: 128.6, contactName: 'a', contactPhone: '053-123-4567' } }, 'pickup.lat'],
    ])('%j → 400 naming %s, and no order is written', async (over, field) => {
      const before = Number((await db.query(`SELECT count(*) AS n FROM delivery_order`))[0].n);
      const res = await staffOrder(over).expect(400);
      expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
      expect(Number((await db.query(`SELECT count(*) AS n FROM delivery_order`))[0].n)).toBe(before);
    });

    it('a retried order with its Idempotency-Key is created once', async () => {
      const body = orderBody({ itemDescription: `재시도 ${randomUUID()}` });
      const a = await h.http().post(`${API}/client/orders`).set('x-api-key', creditClient.apiKey).set('idempotency-key', 'order-retry-1').send(body).expect(201);
      const b = await h.http().post(`${API}/client/orders`).set('x-api-key', creditClient.apiKey).set('idempotency-key', 'order-retry-1').send(body).expect(201);
      expect(b.body.id).toBe(a.body.id);
      expect(Number((await db.query(`SELECT count(*) AS n FROM delivery_order WHERE item_description = $1`, [body.itemDescription]))[0].n)).toBe(1);
    });

    it('only staff place phone orders; only clients use the client endpoint', async () => {
      const courier = await h.activeCourier();
      await h.http().post(`${API}/admin/orders`).set(bearer(courier.token)).send(orderBody()).expect(403);
      const accountant = await h.staff(['accountant']);
      await h.http().post(`${API}/admin/orders`).set(bearer(accountant)).send(orderBody()).expect(403);
      await h.http().post(`${API}/client/orders`).set(bearer(dispatcher)).send(orderBody()).expect(401);
      // Accountants read orders (the jobs behind statements and invoices) but do not move them.
      const listed = await h.http().get(`${API}/admin/orders`).set(bearer(accountant)).expect(200);
      const any = listed.body.items[0];
      const read = await h.http().get(`${API}/admin/orders/${any.id}`).set(bearer(accountant)).expect(200);
      // …with the customers' contacts masked (dispatchers see them), and no proof photo.
      const full = await h.http().get(`${API}/admin/orders/${any.id}`).set(bearer(dispatcher)).expect(200);
      expect(read.body.pickup.contactPhone).toMatch(/^\d{3}-\*{4}-\d{4}$/);
      expect(read.body.pickup.contactPhone).not.toBe(full.body.pickup.contactPhone);
      expect(read.body.dropoff.contactName).toMatch(/\*\*$/);
      expect(listed.body.items.every((o: { pickup: { contactPhone: string } }) => o.pickup.contactPhone.includes('****'))).toBe(true);
      await h.http().get(`${API}/admin/orders/${any.id}/proof-photo`).set(bearer(accountant)).expect(403);
      await h.http().post(`${API}/admin/orders/${any.id}/cancel`).set(bearer(accountant)).send({ reason: 'x' }).expect(403);
      await h.http().post(`${API}/admin/orders/${any.id}/assign`).set(bearer(accountant)).send({ memberId: courier.memberId }).expect(403);
      await h.http().get(`${API}/admin/dispatch/couriers`).set(bearer(accountant)).expect(403);
    });
  });

  describe('reading', () => {
    it('a client reads its own order with the event history; another client gets 404', async () => {
      const mine = await clientOrder(creditClient.apiKey).expect(201);
      const res = await h.http().get(`${API}/client/orders/${mine.body.id}`).set('x-api-key', creditClient.apiKey).expect(200);
      expect(res.body.events).toEqual([expect.objectContaining({ status: 'requested', actorType: 'client', actorId: creditClient.id })]);
      const other = await h.http().get(`${API}/client/orders/${mine.body.id}`).set('x-api-key', cashClient.apiKey).expect(404);
      expect(other.body.code).toBe('DISPATCH.ORDER_NOT_FOUND');
      const staffOnly = await staffOrder().expect(201);
      await h.http().get(`${API}/client/orders/${staffOnly.body.id}`).set('x-api-key', cashClient.apiKey).expect(404);
      const list = await h.http().get(`${API}/client/orders`).set('x-api-key', cashClient.apiKey).expect(200);
      expect(list.body.items.every((o: { clientId: string }) => o.clientId === cashClient.id)).toBe(true);
    });

    it('GET /admin/orders filters by status and business date, and pages', async () => {
      const { order } = await assigned();
      const byStatus = await h.http().get(`${API}/admin/orders`).query({ status: 'assigned' }).set(bearer(dispatcher)).expect(200);
      expect(byStatus.body.items.map((o: { id: string }) => o.id)).toContain(order.id);
      expect(byStatus.body.items.every((o: { status: string }) => o.status === 'assigned')).toBe(true);
      const today = new Date(Date.now() + 9 * 3600_000).toISOString().slice(0, 10);
      const byDate = await h.http().get(`${API}/admin/orders`).query({ date: today, limit: 2 }).set(bearer(dispatcher)).expect(200);
      expect(byDate.body.limit).toBe(2);
      expect(byDate.body.total).toBeGreaterThan(2);
      const yesterday = await h.http().get(`${API}/admin/orders`).query({ date: '2020-01-01' }).set(bearer(dispatcher)).expect(200);
      expect(yesterday.body.total).toBe(0);
      await h.http().get(`${API}/admin/orders`).query({ date: '2026-13-01' }).set(bearer(dispatcher)).expect(400);
      await h.http().get(`${API}/admin/orders`).query({ status: 'lost' }).set(bearer(dispatcher)).expect(400);
    });
  });

  describe('the order status machine', () => {
    it('assign → pickup → deliver, each in the history with actor and time', async () => {
      const { order, courier } = await assigned();
      const pick = await h.http().post(`${API}/courier/jobs/${order.id}/pickup`).set(bearer(courier.token)).send({ eventId: 'p-1' }).expect(200);
      expect(pick.body).toMatchObject({ status: 'picked_up', assignedMemberId: courier.memberId });
      const done = await h.http().post(`${API}/courier/jobs/${order.id}/deliver`).set(bearer(courier.token)).send({ eventId: 'd-1', recipientName: '홍길동' }).expect(200);
      expect(done.body).toMatchObject({ status: 'delivered', recipientName: '홍길동', hasProofPhoto: false });
      const detail = await h.http().get(`${API}/admin/orders/${order.id}`).set(bearer(dispatcher)).expect(200);
      expect(detail.body.events.map((e: { status: string; eventId: string | null }) => [e.status, e.eventId])).toEqual([
        ['requested', null],
        ['assigned', null],
        ['picked_up', 'p-1'],
        ['delivered', 'd-1'],
      ]);
      expect(detail.body.events[2].actorId).toBe(courier.memberId);
      const jobs = await h.http().get(`${API}/courier/jobs`).query({ status: 'done' }).set(bearer(courier.token)).expect(200);
      expect(jobs.body.items.map((o: { id: string }) => o.id)).toEqual([order.id]);
    });

    it('a retried pickup with the same eventId is applied once and answers the same', async () => {
      const { order, courier } = await assigned();
      const first = await h.http().post(`${API}/courier/jobs/${order.id}/pickup`).set(bearer(courier.token)).send({ eventId: 'retry-1' }).expect(200);
      const results = await Promise.all(Array.from({ length: 5 }, () => h.http().post(`${API}/courier/jobs/${order.id}/pickup`).set(bearer(courier.token)).send({ eventId: 'retry-1' })));
      for (const r of results) {
        expect(r.status).toBe(200);
        expect(r.body).toEqual(first.body);
      }
      const events = await db.query(`SELECT count(*) AS n FROM order_event WHERE order_id = $1 AND status = 'picked_up'`, [order.id]);
      expect(Number(events[0].n)).toBe(1);
      const outbox = await db.query(`SELECT count(*) AS n FROM outbox_event WHERE topic = 'order.picked-up' AND payload->>'orderId' = $1`, [order.id]);
      expect(Number(outbox[0].n)).toBe(1);
      // The same eventId for another action is a conflict, not a silent success.
      const reused = await h.http().post(`${API}/courier/jobs/${order.id}/deliver`).set(bearer(courier.token)).send({ eventId: 'retry-1', recipientName: 'x' }).expect(409);
      expect(reused.body.code).toBe('DISPATCH.EVENT_ID_REUSED');
    });

    it.each([
      ['deliver before pickup', 'deliver', { eventId: 'e1', recipientName: 'x' }],
      ['fail before pickup', 'fail', { eventId: 'e2', reason: 'x' }],
    ])('%s → 409', async (_, action, body) => {
      const { order, courier } = await assigned();
      const res = await h.http().post(`${API}/courier/jobs/${order.id}/${action}`).set(bearer(courier.token)).send(body).expect(409);
      expect(res.body.code).toBe('DISPATCH.INVALID_TRANSITION');
    });

    it('pickup twice with different event ids → 409; cancel after pickup → 409', async () => {
      const { order, courier } = await assigned();
      await h.http().post(`${API}/courier/jobs/${order.id}/pickup`).set(bearer(courier.token)).send({ eventId: 'a' }).expect(200);
      await h.http().post(`${API}/courier/jobs/${order.id}/pickup`).set(bearer(courier.token)).send({ eventId: 'b' }).expect(409);
      const cancel = await h.http().post(`${API}/admin/orders/${order.id}/cancel`).set(bearer(dispatcher)).send({ reason: '늦음' }).expect(409);
      expect(cancel.body.code).toBe('DISPATCH.INVALID_TRANSITION');
    });

    it('failure after pickup keeps the reason', async () => {
      const { order, courier } = await assigned();
      await h.http().post(`${API}/courier/jobs/${order.id}/pickup`).set(bearer(courier.token)).send({ eventId: 'p' }).expect(200);
      const res = await h.http().post(`${API}/courier/jobs/${order.id}/fail`).set(bearer(courier.token)).send({ eventId: 'f', reason: '수령인 부재' }).expect(200);
      expect(res.body).toMatchObject({ status: 'failed', failReason: '수령인 부재' });
    });

    it('cancel before pickup by staff or by the client who placed it; not by another client', async () => {
      const staffMade = (await staffOrder().expect(201)).body;
      const res = await h.http().post(`${API}/admin/orders/${staffMade.id}/cancel`).set(bearer(dispatcher)).send({ reason: '고객 취소' }).expect(200);
      expect(res.body).toMatchObject({ status: 'cancelled', cancelReason: '고객 취소' });
      await h.http().post(`${API}/admin/orders/${staffMade.id}/cancel`).set(bearer(dispatcher)).send({ reason: 'again' }).expect(409);
      const clientMade = (await clientOrder(creditClient.apiKey).expect(201)).body;
      await h.http().post(`${API}/client/orders/${clientMade.id}/cancel`).set('x-api-key', cashClient.apiKey).send({ reason: 'x' }).expect(404);
      await h.http().post(`${API}/client/orders/${clientMade.id}/cancel`).set('x-api-key', creditClient.apiKey).send({ reason: '취소' }).expect(200);
      await h.http().post(`${API}/admin/orders/${staffMade.id}/cancel`).set(bearer(dispatcher)).send({}).expect(400);
    });

    it("another courier's job does not exist for them", async () => {
      const { order } = await assigned();
      const other = await h.activeCourier();
      const res = await h.http().post(`${API}/courier/jobs/${order.id}/pickup`).set(bearer(other.token)).send({ eventId: 'x' }).expect(404);
      expect(res.body.code).toBe('DISPATCH.ORDER_NOT_FOUND');
    });

    it('event times cannot be in the future or before the previous step', async () => {
      const { order, courier } = await assigned();
      const future = await h.http().post(`${API}/courier/jobs/${order.id}/pickup`).set(bearer(courier.token)).send({ eventId: 't1', at: new Date(Date.now() + 3600_000).toISOString() }).expect(400);
      expect(future.body.code).toBe('DISPATCH.INVALID_EVENT_TIME');
      await h.http().post(`${API}/courier/jobs/${order.id}/pickup`).set(bearer(courier.token)).send({ eventId: 't2', at: '2020-01-01T00:00:00Z' }).expect(400);
      await h.http().post(`${API}/courier/jobs/${order.id}/pickup`).set(bearer(courier.token)).send({ eventId: 'bad id!' }).expect(400);
      const week = await h.http().post(`${API}/courier/jobs/${order.id}/pickup`).set(bearer(courier.token)).send({ eventId: 't3', at: '2026-W47-1' }).expect(400);
      expect(week.body.details).toEqual([{ field: 'at', reason: 'must be a date-time with an offset, such as 2026-11-22T09:30:00+09:00' }]);
    });
  });

  describe('manual assignment', () => {
    it('refuses a suspended member, the wrong vehicle, and an order already taken', async () => {
      const order = (await staffOrder().expect(201)).body;
      const suspended = await h.activeCourier();
      await h.http().post(`${API}/admin/members/${suspended.memberId}/suspend`).set(bearer(admin)).send({ reason: '점검' }).expect(200);
      const s = await h.http().post(`${API}/admin/orders/${order.id}/assign`).set(bearer(dispatcher)).send({ memberId: suspended.memberId }).expect(409);
      expect(s.body.code).toBe('DISPATCH.COURIER_NOT_ACTIVE');
      const truck = await h.activeCourier({ vehicleType: 'truck_1t' });
      const v = await h.http().post(`${API}/admin/orders/${order.id}/assign`).set(bearer(dispatcher)).send({ memberId: truck.memberId }).expect(409);
      expect(v.body.code).toBe('DISPATCH.VEHICLE_MISMATCH');
      const ok = await h.activeCourier();
      await h.http().post(`${API}/admin/orders/${order.id}/assign`).set(bearer(dispatcher)).send({ memberId: ok.memberId }).expect(200);
      const again = await h.http().post(`${API}/admin/orders/${order.id}/assign`).set(bearer(dispatcher)).send({ memberId: ok.memberId }).expect(409);
      expect(again.body.code).toBe('DISPATCH.ALREADY_ASSIGNED');
      await h.http().post(`${API}/admin/orders/${order.id}/assign`).set(bearer(dispatcher)).send({ memberId: 'nope' }).expect(400);
      await h.http().post(`${API}/admin/orders/${randomUUID()}/assign`).set(bearer(dispatcher)).send({ memberId: ok.memberId }).expect(404);
    });

    it('couriers cannot accept a manual-dispatch job', async () => {
      const order = (await staffOrder().expect(201)).body;
      const c = await onlineCourier(h, DAEGU.dongseongno);
      const res = await h.http().post(`${API}/courier/jobs/${order.id}/accept`).set(bearer(c.token)).expect(409);
      expect(res.body.code).toBe('DISPATCH.DISPATCHER_ONLY');
    });
  });

  describe('proof of delivery', () => {
    async function pickedUp() {
      const { order, courier } = await assigned();
      await h.http().post(`${API}/courier/jobs/${order.id}/pickup`).set(bearer(courier.token)).send({ eventId: 'p' }).expect(200);
      return { order, courier };
    }

    it('a photo by multipart is stored and served to staff', async () => {
      const { order, courier } = await pickedUp();
      const res = await h
        .http()
        .post(`${API}/courier/jobs/${order.id}/deliver`)
        .set(bearer(courier.token))
        .field('eventId', 'd-photo')
        .field('recipientName', '경비실')
        .attach('photo', PNG, { filename: 'proof.png', contentType: 'image/png' })
        .expect(200);
      expect(res.body).toMatchObject({ status: 'delivered', recipientName: '경비실', hasProofPhoto: true });
      const photo = await h.http().get(`${API}/admin/orders/${order.id}/proof-photo`).set(bearer(dispatcher)).buffer(true).parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      }).expect(200);
      expect(photo.headers['content-type']).toBe('image/png');
      expect(Buffer.compare(photo.body as Buffer, PNG)).toBe(0);
    });

    it('refuses a file that is not an image, whatever it claims to be, and changes nothing', async () => {
      const { order, courier } = await pickedUp();
      const res = await h
        .http()
        .post(`${API}/courier/jobs/${order.id}/deliver`)
        .set(bearer(courier.token))
        .field('eventId', 'd-exe')
        .field('recipientName', 'x')
        .attach('photo', Buffer.from('MZ this is not a picture'), { filename: 'proof.jpg', contentType: 'image/jpeg' })
        .expect(400);
      expect(res.body.code).toBe('DISPATCH.PHOTO_TYPE');
      const after = await h.http().get(`${API}/admin/orders/${order.id}`).set(bearer(dispatcher));
      expect(after.body.status).toBe('picked_up');
    });

    it('refuses a broken form or a second file with 400', async () => {
      const { order, courier } = await pickedUp();
      const noBoundary = await h.http().post(`${API}/courier/jobs/${order.id}/deliver`).set(bearer(courier.token)).set('content-type', 'multipart/form-data').send('garbage').expect(400);
      expect(noBoundary.body.code).toBe('REQUEST.INVALID_MULTIPART');
      const two = await h
        .http()
        .post(`${API}/courier/jobs/${order.id}/deliver`)
        .set(bearer(courier.token))
        .field('eventId', 'd2')
        .field('recipientName', 'x')
        .attach('photo', PNG, 'a.png')
        .attach('photo', PNG, 'b.png')
        .expect(400);
      expect(two.body.code).toBe('REQUEST.UNKNOWN_FIELD');
      expect((await h.http().get(`${API}/admin/orders/${order.id}`).set(bearer(dispatcher))).body.status).toBe('picked_up');
    });

    it('refuses a photo over the size limit with 413', async () => {
      const { order, courier } = await pickedUp();
      const big = Buffer.concat([PNG, Buffer.alloc(6 * 1024 * 1024)]);
      await h
        .http()
        .post(`${API}/courier/jobs/${order.id}/deliver`)
        .set(bearer(courier.token))
        .field('eventId', 'd-big')
        .field('recipientName', 'x')
        .attach('photo', big, { filename: 'big.png', contentType: 'image/png' })
        .expect(413);
    });

    it('needs the recipient name, in JSON or multipart', async () => {
      const { order, courier } = await pickedUp();
      const json = await h.http().post(`${API}/courier/jobs/${order.id}/deliver`).set(bearer(courier.token)).send({ eventId: 'd' }).expect(400);
      expect(json.body.details).toEqual([{ field: 'recipientName', reason: 'is required' }]);
      const multi = await h.http().post(`${API}/courier/jobs/${order.id}/deliver`).set(bearer(courier.token)).field('eventId', 'd').attach('photo', PNG, 'p.png').expect(400);
      expect(multi.body.details).toEqual([{ field: 'recipientName', reason: 'is required' }]);
    });
  });
});
