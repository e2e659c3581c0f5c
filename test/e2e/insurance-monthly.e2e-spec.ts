import type { INestApplicationContext } from '@nestjs/common';
import { FixedClock, UTF8_BOM } from '@dure/common';
import { waitFor } from '@dure/testing';
import { API, ApiHarness, bearer } from '../support/api-harness';
import { deliveredJob } from '../support/billing-helpers';
import { startWorker } from '../support/dispatch-helpers';

/**
 * The monthly premiums requested over HTTP and computed by the worker (through the
 * outbox and BullMQ), then read back as the statutory report. January 2031: the
 * employment rate is 0.8% each, industrial accident 0.48% each, expense ratio 27.4%.
 */
describe('monthly insurance over HTTP', () => {
  const clock = new FixedClock(new Date('2031-01-02T09:00:00+09:00'));
  let h: ApiHarness;
  let worker: INestApplicationContext;
  let admin: string;
  let accountant: string;
  let courier: { memberId: string; memberNo: string; token: string };

  beforeAll(async () => {
    h = await ApiHarness.start({ label: 'ins-month', clock });
    worker = await startWorker(h.env, clock);
    admin = await h.admin();
    accountant = await h.staff(['accountant']);
    courier = await h.activeCourier();
    // 1,500,000 won of fares: expense 411,000, 월 보수액 1,089,000.
    await deliveredJob(h, clock, admin, courier, { at: '2031-01-10T10:00:00+09:00', fareWon: 1_000_000, paymentMethod: 'prepaid' });
    await deliveredJob(h, clock, admin, courier, { at: '2031-01-20T10:00:00+09:00', fareWon: 500_000, paymentMethod: 'cash' });
    clock.set('2031-02-01T03:00:00+09:00');
  });
  afterAll(async () => {
    await worker.close();
    await h.close();
  });

  it('computes a past month in the worker and reports it per member, in exact won', async () => {
    await h.http().post(`${API}/admin/insurance/monthly`).set(bearer(accountant)).send({ month: '2031-01' }).expect(202, { month: '2031-01', status: 'queued' });
    const summary = await waitFor(async () => {
      const res = await h.http().get(`${API}/admin/insurance/monthly`).query({ month: '2031-01' }).set(bearer(accountant)).expect(200);
      return res.body.length === 3 ? res.body : undefined;
    });
    expect(summary).toEqual([
      { plan: 'employment', members: 1, covered: 1, remunerationWon: 1_089_000, workerShareWon: 8_712, employerShareWon: 8_712 },
      { plan: 'group_accident', members: 1, covered: 1, remunerationWon: 1_500_000, workerShareWon: 0, employerShareWon: 12_000 },
      // 1,089,000 × 0.48% = 5,227.2 → 5,227.
      { plan: 'industrial_accident', members: 1, covered: 1, remunerationWon: 1_089_000, workerShareWon: 5_227, employerShareWon: 5_227 },
    ]);

    const csv = await h.http().get(`${API}/admin/insurance/reports/monthly`).query({ month: '2031-01', plan: 'employment' }).set(bearer(accountant)).expect(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toContain('insurance-employment-2031-01.csv');
    expect(csv.text.startsWith(UTF8_BOM)).toBe(true);
    const lines = csv.text.slice(1).trimEnd().split('\r\n');
    expect(lines).toHaveLength(2);
    expect(lines[1].split(',').slice(0, 13)).toEqual(['2031-01', courier.memberNo, expect.any(String), 'employment', '1500000', '0', '27.40', '1089000', 'Y', '8712', '8712', '2031-01-02', expect.stringContaining('2031-01')]);

    const audited = await h.http().get(`${API}/admin/audit-log`).query({ action: 'insurance.report.download' }).set(bearer(admin)).expect(200);
    expect(audited.body.items).toEqual([expect.objectContaining({ action: 'insurance.report.download', targetId: '2031-01' })]);

    const json = await h.http().get(`${API}/admin/insurance/reports/monthly`).query({ month: '2031-01', plan: 'industrial_accident', format: 'json' }).set(bearer(accountant)).expect(200);
    expect(json.body).toEqual([expect.objectContaining({ memberId: courier.memberId, remunerationWon: 1_089_000, workerShareWon: 5_227, acquiredOn: '2031-01-02' })]);

    // The courier sees the cover the month brought.
    const me = await h.http().get(`${API}/courier/me`).set(bearer(courier.token)).expect(200);
    expect(me.body.insurance.map((i: { plan: string; status: string }) => [i.plan, i.status])).toEqual([
      ['employment', 'pending'],
      ['group_accident', 'pending'],
      ['industrial_accident', 'pending'],
    ]);
  });

  it.each([
    [{ month: '2031-02' }, 'INSURANCE.MONTH_NOT_OVER'],
    [{ month: '2031-13' }, 'REQUEST.VALIDATION_FAILED'],
    [{}, 'REQUEST.VALIDATION_FAILED'],
  ])('refuses %j with 400', async (body, code) => {
    const res = await h.http().post(`${API}/admin/insurance/monthly`).set(bearer(accountant)).send(body).expect(400);
    expect(res.body.code).toBe(code);
  });

  it('requires a month and a plan for the report, and a staff role that keeps the books', async () => {
    await h.http().get(`${API}/admin/insurance/reports/monthly`).query({ month: '2031-01' }).set(bearer(accountant)).expect(400);
    await h.http().get(`${API}/admin/insurance/reports/monthly`).query({ month: '2031-01', plan: 'employment' }).set(bearer(courier.token)).expect(403);
  });
});
