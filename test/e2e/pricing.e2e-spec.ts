import { API, ApiHarness, bearer } from '../support/api-harness';
import { DAEGU } from '../support/dispatch-helpers';

describe('pricing and quotes', () => {
  let h: ApiHarness;
  let admin: string;
  let clientKey: string;
  beforeAll(async () => {
    h = await ApiHarness.start({ label: 'pricing' });
    admin = await h.admin();
    clientKey = (await h.http().post(`${API}/admin/clients`).set(bearer(admin)).send({ name: '견적상사', businessNo: '101-10-10101', creditAccount: true }).expect(201)).body.apiKey;
  });
  afterAll(() => h.close());

  const body = (over: object = {}) => ({ pickup: DAEGU.dongseongno, dropoff: DAEGU.suseongLake, vehicleType: 'motorcycle', urgency: 'normal', at: '2026-11-18T14:00:00+09:00', ...over });

  it('quotes a fare with a breakdown that adds up, for staff and for clients', async () => {
    const staff = await h.http().post(`${API}/quotes`).set(bearer(admin)).send(body()).expect(200);
    expect(staff.body).toMatchObject({ fareWon: 7000, distanceM: 6565 });
    expect(staff.body.breakdown).toEqual([
      { kind: 'base', amountWon: 4000 },
      { kind: 'distance', amountWon: 2496 },
      { kind: 'rounding', amountWon: 504 },
    ]);
    const client = await h.http().post(`${API}/quotes`).set('x-api-key', clientKey).send(body()).expect(200);
    expect(client.body).toEqual(staff.body);
  });

  it('charges surcharges at night, on weekends and for express', async () => {
    const q = await h.http().post(`${API}/quotes`).set(bearer(admin)).send(body({ urgency: 'express', at: '2026-11-21T23:30:00+09:00' })).expect(200);
    expect(q.body.fareWon).toBe(12000);
    expect(q.body.breakdown.map((b: { kind: string }) => b.kind)).toEqual(['base', 'distance', 'express', 'night', 'weekend', 'rounding']);
    const sum = q.body.breakdown.reduce((s: number, b: { amountWon: number }) => s + b.amountWon, 0);
    expect(sum).toBe(12000);
  });

  it.each([
    [{ pickup: { lat: 91, lng: 128.6 } }, 'pickup.lat'],
    [{ dropoff: { lat: 35.8, lng: 181 } }, 'dropoff.lng'],
    [{ pickup: { lat: '35.8', lng: 128.6 } }, 'pickup.lat'],
    [{ vehicleType: 'bicycle' }, 'vehicleType'],
    [{ urgency: 'asap' }, 'urgency'],
    [{ at: 'tomorrow' }, 'at'],
    [{ at: '2026-W47-1' }, 'at'],
    [{ pickup: { lat: 86, lng: 128.6 } }, 'pickup.lat'],
  ])('%j → 400 naming %s', async (over, field) => {
    const res = await h.http().post(`${API}/quotes`).set(bearer(admin)).send(body(over)).expect(400);
    expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
  });

  it('needs staff or a client key', async () => {
    await h.http().post(`${API}/quotes`).send(body()).expect(401);
    const courier = await h.activeCourier();
    await h.http().post(`${API}/quotes`).set(bearer(courier.token)).send(body()).expect(403);
  });

  it('before any rule set there is no price: 409', async () => {
    const res = await h.http().post(`${API}/quotes`).set(bearer(admin)).send(body({ at: '2019-01-01T12:00:00+09:00' })).expect(409);
    expect(res.body.code).toBe('DISPATCH.NO_PRICING_RULES');
  });

  it('an admin adds a rule set from a future date; quotes after it use it, quotes before do not', async () => {
    const tariff = { baseFareWon: 5000, baseDistanceM: 3000, perKmWon: 800 };
    const res = await h
      .http()
      .post(`${API}/admin/pricing/rule-sets`)
      .set(bearer(admin))
      .send({
        effectiveFrom: '2030-01-01T00:00:00+09:00',
        vehicles: { motorcycle: tariff, damas: tariff, labo: tariff, truck_1t: tariff },
        roadFactorBps: 13000,
        expressSurchargeBps: 5000,
        nightSurchargeBps: 2000,
        weekendSurchargeBps: 1000,
        roundingUnitWon: 500,
        note: '2030 인상',
      })
      .expect(201);
    expect(res.body.effectiveFrom).toBe('2030-01-01T00:00:00.000+09:00');
    const later = await h.http().post(`${API}/quotes`).set(bearer(admin)).send(body({ at: '2030-01-02T14:00:00+09:00' })).expect(200);
    // 3,565 m beyond 3 km at 800/km = 2,852 won; 7,852 → rounded up to 500s = 8,000.
    expect(later.body).toMatchObject({ fareWon: 8000, ruleSetId: res.body.id });
    const before = await h.http().post(`${API}/quotes`).set(bearer(admin)).send(body()).expect(200);
    expect(before.body.fareWon).toBe(7000);
    const history = await h.http().get(`${API}/admin/pricing/rule-sets`).set(bearer(admin)).expect(200);
    expect(history.body.map((r: { effectiveFrom: string }) => r.effectiveFrom)).toEqual(['2020-09-01T00:00:00.000+09:00', '2030-01-01T00:00:00.000+09:00']);
  });

  it('the past is never rewritten; bad tariffs are refused; only admins add', async () => {
    const tariff = { baseFareWon: 5000, baseDistanceM: 3000, perKmWon: 800 };
    const rs = { vehicles: { motorcycle: tariff, damas: tariff, labo: tariff, truck_1t: tariff }, roadFactorBps: 13000, expressSurchargeBps: 0, nightSurchargeBps: 0, weekendSurchargeBps: 0, roundingUnitWon: 100 };
    const past = await h.http().post(`${API}/admin/pricing/rule-sets`).set(bearer(admin)).send({ ...rs, effectiveFrom: '2021-01-01T00:00:00+09:00' }).expect(400);
    expect(past.body.code).toBe('DISPATCH.PRICING_IN_THE_PAST');
    const bad = await h.http().post(`${API}/admin/pricing/rule-sets`).set(bearer(admin)).send({ ...rs, effectiveFrom: '2031-01-01T00:00:00+09:00', roadFactorBps: 5000 }).expect(400);
    expect(bad.body.details.map((d: { field: string }) => d.field)).toContain('roadFactorBps');
    const missing = await h.http().post(`${API}/admin/pricing/rule-sets`).set(bearer(admin)).send({ ...rs, effectiveFrom: '2031-01-01T00:00:00+09:00', vehicles: { motorcycle: tariff } }).expect(400);
    expect(missing.body.details.map((d: { field: string }) => d.field)).toContain('vehicles.damas');
    const dispatcher = await h.staff(['dispatcher']);
    await h.http().post(`${API}/admin/pricing/rule-sets`).set(bearer(dispatcher)).send({ ...rs, effectiveFrom: '2031-01-01T00:00:00+09:00' }).expect(403);
    await h.http().post(`${API}/admin/pricing/rule-sets`).set(bearer(admin)).send({ ...rs, effectiveFrom: '2031-001' }).expect(400);
    const free = { ...tariff, baseFareWon: 0 };
    const zero = await h.http().post(`${API}/admin/pricing/rule-sets`).set(bearer(admin)).send({ ...rs, effectiveFrom: '2031-01-01T00:00:00+09:00', vehicles: { motorcycle: free, damas: free, labo: free, truck_1t: free } }).expect(400);
    expect(zero.body.details.map((d: { field: string }) => d.field)).toContain('vehicles.motorcycle.baseFareWon');
  });
});
