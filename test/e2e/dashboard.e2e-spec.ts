import { FixedClock } from '@dure/common';
import { API, ApiHarness, bearer } from '../support/api-harness';
import { Courier, deliveredJob } from '../support/billing-helpers';
import { DAEGU, onlineCourier, orderBody } from '../support/dispatch-helpers';

/**
 * The Today dashboard over a fixed clock in March 2031 (fee 10%, benchmark 20%). "Today" is
 * 2031-03-03 in Seoul; the day before and the end of February frame it.
 */
describe('dashboard: today', () => {
  const clock = new FixedClock(new Date('2031-02-28T09:00:00+09:00'));
  let h: ApiHarness;
  let admin: string;
  let dispatcher: string;
  let accountant: string;
  let c1: Courier;
  let c2: Courier;

  beforeAll(async () => {
    h = await ApiHarness.start({ label: 'dashboard', clock });
    admin = await h.admin();
    dispatcher = await h.staff(['dispatcher']);
    accountant = await h.staff(['accountant']);
    c1 = await h.activeCourier();
    c2 = await h.activeCourier();
  });
  afterAll(() => h.close());

  const today = async (token = dispatcher) => (await h.http().get(`${API}/admin/dashboard/today`).set(bearer(token)).expect(200)).body;
  const job = (at: string, fareWon: number, paymentMethod: 'cash' | 'prepaid' = 'cash') => deliveredJob(h, clock, admin, c1, { at, fareWon, paymentMethod });
  const placed = async (at: string) => {
    clock.set(at);
    return (await h.http().post(`${API}/admin/orders`).set(bearer(admin)).send(orderBody({ dispatchMode: 'manual' })).expect(201)).body as { id: string };
  };

  it('counts the day in Seoul: orders, deliveries per hour, fee revenue and the month’s savings in exact won', async () => {
    // February: outside this month. 23:30 on the 28th in Seoul is still February though it is UTC too.
    await job('2031-02-28T23:30:00+09:00', 10_000);
    // Yesterday: a delivery (in the month, not today), an order still waiting, one cancelled.
    expect((await job('2031-03-02T23:59:00+09:00', 20_000)).feeWon).toBe(2000); // savings 4,000 − 2,000 = 2,000
    await placed('2031-03-02T15:00:00+09:00');
    const cancelledYesterday = await placed('2031-03-02T16:00:00+09:00');
    await h.http().post(`${API}/admin/orders/${cancelledYesterday.id}/cancel`).set(bearer(admin)).send({ reason: '고객 요청' }).expect(200);

    // Today.
    expect((await job('2031-03-03T00:00:00+09:00', 12_345)).feeWon).toBe(1234); // savings 2,469 − 1,234 = 1,235
    expect((await job('2031-03-03T09:15:00+09:00', 15_000, 'prepaid')).feeWon).toBe(1500); // savings 3,000 − 1,500 = 1,500
    expect((await job('2031-03-03T09:40:00+09:00', 10_009)).feeWon).toBe(1000); // savings 2,001 − 1,000 = 1,001
    const cancelled = await placed('2031-03-03T14:00:00+09:00');
    await h.http().post(`${API}/admin/orders/${cancelled.id}/cancel`).set(bearer(admin)).send({ reason: '고객 요청' }).expect(200);
    const assigned = await placed('2031-03-03T15:00:00+09:00');
    await h.http().post(`${API}/admin/orders/${assigned.id}/assign`).set(bearer(admin)).send({ memberId: c2.memberId }).expect(200);

    clock.set('2031-03-03T18:00:00+09:00');
    const d = await today();
    expect(d.date).toBe('2031-03-03');
    expect(d.orders).toEqual({
      byStatus: { requested: 1, assigned: 1, picked_up: 0, delivered: 3, cancelled: 1, failed: 0 },
      open: 2,
    });
    expect(d.deliveriesPerHour).toHaveLength(24);
    expect(d.deliveriesPerHour[0]).toEqual({ hour: 0, deliveries: 1 });
    expect(d.deliveriesPerHour[9]).toEqual({ hour: 9, deliveries: 2 });
    expect(d.deliveriesPerHour.reduce((s: number, b: { deliveries: number }) => s + b.deliveries, 0)).toBe(3);
    expect(d.deliveredToday).toBe(3);
    expect(d.feeRevenueWon).toBe(1234 + 1500 + 1000);
    expect(d.month).toEqual({ month: '2031-03', deliveries: 4, feeWon: 2000 + 1234 + 1500 + 1000, savingsWon: 2000 + 1235 + 1500 + 1001, benchmarkRateBps: 2000 });
  });

  it('counts couriers online as the dispatch map does', async () => {
    expect((await today()).couriersOnline).toEqual({ total: 0, byVehicle: { motorcycle: 0, damas: 0, labo: 0, truck_1t: 0 } });
    const rider = await onlineCourier(h, DAEGU.dongseongno, { now: clock.now() });
    await onlineCourier(h, DAEGU.banwoldang, { now: clock.now(), vehicleType: 'damas' });
    const board = (await h.http().get(`${API}/admin/dispatch/couriers`).set(bearer(dispatcher)).expect(200)).body;
    const online = (await today()).couriersOnline;
    expect(online).toEqual({ total: 2, byVehicle: board });
    expect(board).toMatchObject({ motorcycle: 1, damas: 1 });
    // The live map lists them by name and number, where they last were.
    const map = async () => (await h.http().get(`${API}/console/couriers`).set(bearer(dispatcher)).expect(200)).body as { memberId: string; name: string; memberNo: string; vehicleType: string; lat: number; lng: number }[];
    const onMap = await map();
    expect(onMap).toHaveLength(2);
    const riderRow = onMap.find((c) => c.memberId === rider.memberId);
    const member = (await h.http().get(`${API}/admin/members/${rider.memberId}`).set(bearer(admin)).expect(200)).body;
    expect(riderRow).toMatchObject({ name: member.name, memberNo: member.memberNo, vehicleType: 'motorcycle', lat: DAEGU.dongseongno.lat, lng: DAEGU.dongseongno.lng });
    await h.http().get(`${API}/console/couriers`).set(bearer(accountant)).expect(403);
    await h.http().put(`${API}/courier/presence`).set(bearer(rider.token)).send({ online: false }).expect(200);
    expect((await today()).couriersOnline.total).toBe(1);
    expect((await map()).map((c) => c.memberId)).not.toContain(rider.memberId);
  });

  it('a new day starts from zero but keeps open orders; a new month resets the savings', async () => {
    clock.set('2031-03-04T08:00:00+09:00');
    const d = await today(accountant);
    expect(d.orders.byStatus).toEqual({ requested: 1, assigned: 1, picked_up: 0, delivered: 0, cancelled: 0, failed: 0 });
    expect(d.feeRevenueWon).toBe(0);
    expect(d.deliveredToday).toBe(0);
    expect(d.deliveriesPerHour.every((b: { deliveries: number }) => b.deliveries === 0)).toBe(true);
    expect(d.month.savingsWon).toBe(5736);

    clock.set('2031-04-01T00:00:00+09:00');
    expect((await today(admin)).month).toEqual({ month: '2031-04', deliveries: 0, feeWon: 0, savingsWon: 0, benchmarkRateBps: 2000 });
  });

  it('tells the console its map tiles (none configured: an empty URL, the board draws no tiles); staff only', async () => {
    for (const token of [admin, dispatcher, accountant]) {
      expect((await h.http().get(`${API}/console/config`).set(bearer(token)).expect(200)).body).toEqual({ mapTileUrl: '' });
    }
    await h.http().get(`${API}/console/config`).set(bearer(c1.token)).expect(403);
    await h.http().get(`${API}/console/config`).expect(401);
  });

  it('is for staff only', async () => {
    await h.http().get(`${API}/admin/dashboard/today`).expect(401);
    const courier = await h.activeCourier();
    const res = await h.http().get(`${API}/admin/dashboard/today`).set(bearer(courier.token)).expect(403);
    expect(res.body.code).toBe('AUTH.FORBIDDEN');
  });
});
