import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { FixedClock, UTF8_BOM } from '@dure/common';
import { SettlementService } from '@dure/billing';
import { waitFor } from '@dure/testing';
import { API, ApiHarness, bearer } from '../support/api-harness';
import { Courier, deliveredJob, settle } from '../support/billing-helpers';
import { startWorker } from '../support/dispatch-helpers';
import { createWorkerApp } from '../../apps/worker/src/worker.app';

/**
 * Billing in January 2031 (a fixed clock): 2031-01-06 is a Monday. The seeded fee is 10%;
 * a 9% policy starts on 2031-01-08, in the middle of the first week.
 */
describe('billing', () => {
  const clock = new FixedClock(new Date('2031-01-01T09:00:00+09:00'));
  let h: ApiHarness;
  let worker: INestApplicationContext;
  let db: DataSource;
  let admin: string;
  let accountant: string;
  let clientId: string;
  const couriers: Record<string, Courier & { bankAccount: string; memberNo: string; name: string }> = {};

  beforeAll(async () => {
    h = await ApiHarness.start({ label: 'billing', clock, env: { DURE_SETTLEMENT_CHUNK_MEMBERS: '2', DURE_SETTLEMENT_CONCURRENCY: '1' } });
    // No relay: runs are executed by the test, one at a time, so a crash can be staged.
    worker = await createWorkerApp(h.env.config, { clock, relay: false });
    db = h.app.get(DataSource);
    admin = await h.admin();
    accountant = await h.staff(['accountant']);
    clientId = (await h.http().post(`${API}/admin/clients`).set(bearer(admin)).send({ name: '외상거래처', businessNo: '777-77-77777', creditAccount: true }).expect(201)).body.id;
    for (const name of ['c1', 'c2', 'c3', 'c4']) {
      const c = await h.activeCourier();
      couriers[name] = { memberId: c.memberId, token: c.token, bankAccount: c.body.bankAccount, memberNo: c.memberNo, name: c.body.name };
    }
  });
  afterAll(async () => {
    await worker.close();
    await h.close();
  });

  const job = (who: string, at: string, fareWon: number, paymentMethod: 'cash' | 'credit' | 'prepaid') =>
    deliveredJob(h, clock, admin, couriers[who], { at, fareWon, paymentMethod, clientId: paymentMethod === 'credit' ? clientId : undefined });
  const statementOf = async (who: string, periodStart: string) =>
    (await h.http().get(`${API}/admin/settlements/statements`).query({ memberId: couriers[who].memberId, periodStart }).set(bearer(accountant)).expect(200)).body.items[0];

  describe('fee policies', () => {
    it('keeps the seeded history and adds only the future', async () => {
      const history = await h.http().get(`${API}/admin/fee-policies`).set(bearer(accountant)).expect(200);
      expect(history.body.map((p: { rateBps: number; effectiveFrom: string }) => [p.rateBps, p.effectiveFrom])).toEqual([
        [2000, '2020-07-01'],
        [1000, '2020-09-01'],
      ]);
      const added = await h.http().post(`${API}/admin/fee-policies`).set(bearer(admin)).send({ rateBps: 900, effectiveFrom: '2031-01-08', note: '9%' }).expect(201);
      expect(added.body).toMatchObject({ rateBps: 900, effectiveFrom: '2031-01-08' });
      const today = await h.http().post(`${API}/admin/fee-policies`).set(bearer(admin)).send({ rateBps: 800, effectiveFrom: '2031-01-01' }).expect(400);
      expect(today.body.code).toBe('BILLING.POLICY_IN_THE_PAST');
      await h.http().post(`${API}/admin/fee-policies`).set(bearer(admin)).send({ rateBps: 800, effectiveFrom: '2030-06-01' }).expect(400);
      const dup = await h.http().post(`${API}/admin/fee-policies`).set(bearer(admin)).send({ rateBps: 800, effectiveFrom: '2031-01-08' }).expect(409);
      expect(dup.body.code).toBe('BILLING.POLICY_DATE_TAKEN');
      await h.http().post(`${API}/admin/fee-policies`).set(bearer(accountant)).send({ rateBps: 800, effectiveFrom: '2031-03-01' }).expect(403);
    });

    it.each([[10_001], [-1], [12.5], ['1000']])('a rate of %j bps → 400', async (rateBps) => {
      const res = await h.http().post(`${API}/admin/fee-policies`).set(bearer(admin)).send({ rateBps, effectiveFrom: '2031-06-01' }).expect(400);
      expect(res.body.details.map((d: { field: string }) => d.field)).toContain('rateBps');
    });
  });

  describe('the fee at delivery', () => {
    it('is floor(fare × bps / 10000) with the policy in force on the delivery date', async () => {
      const before = await job('c1', '2031-01-06T10:00:00+09:00', 12_345, 'credit'); // 10%: 1,234.5 → 1,234
      expect(before.feeWon).toBe(1234);
      const after = await job('c1', '2031-01-09T10:00:00+09:00', 12_345, 'credit'); // 9%: 1,111.05 → 1,111
      expect(after.feeWon).toBe(1111);
      const rates = await db.query(`SELECT fee_rate_bps FROM delivery_order WHERE id = ANY($1::uuid[]) ORDER BY delivered_at`, [[before.orderId, after.orderId]]);
      expect(rates.map((r: { fee_rate_bps: number }) => r.fee_rate_bps)).toEqual([1000, 900]);
      // 23:59 on the 7th in Seoul is still the old rate, though it is the 7th in UTC too.
      expect((await job('c4', '2031-01-07T23:59:00+09:00', 10_009, 'cash')).feeWon).toBe(1000);
      expect((await job('c4', '2031-01-08T00:00:00+09:00', 10_009, 'cash')).feeWon).toBe(900);
    });

    it('is posted to the ledger with the delivery', async () => {
      const { orderId, feeWon } = await job('c2', '2031-01-06T11:00:00+09:00', 20_000, 'credit');
      const entries = await db.query(
        `SELECT e.account, e.debit_won::int AS d, e.credit_won::int AS c FROM ledger_entry e JOIN ledger_transaction t ON t.id = e.transaction_id
          WHERE t.kind = 'delivery' AND t.ref_id = $1 ORDER BY e.id`,
        [orderId],
      );
      expect(entries).toEqual([
        { account: 'client_receivable', d: 20_000, c: 0 },
        { account: 'courier_payable', d: 0, c: 20_000 - feeWon },
        { account: 'fee_revenue', d: 0, c: feeWon },
      ]);
    });
  });

  describe('settlement', () => {
    let week1: string;

    it('one statement per courier with exact won: earnings, cash fees, withholding, net', async () => {
      await job('c2', '2031-01-07T09:00:00+09:00', 15_000, 'prepaid'); // fee 1,500
      await job('c2', '2031-01-07T15:00:00+09:00', 10_000, 'cash'); // fee 1,000
      await job('c3', '2031-01-10T10:00:00+09:00', 25_000, 'cash'); // 9%: fee 2,250
      await job('c3', '2031-01-11T10:00:00+09:00', 25_000, 'cash'); // fee 2,250
      clock.set('2031-01-13T09:00:00+09:00');
      week1 = await settle(h, worker, accountant, '2031-01-06', '2031-01-12');

      // c2: E = 18,000 + 13,500 = 31,500; tax 945 → 940, local 94 → 90; net = 31,500 − 1,000 − 1,030.
      expect(await statementOf('c2', '2031-01-06')).toMatchObject({
        jobCount: 3,
        grossWon: 45_000,
        feeWon: 4_500,
        earningsWon: 31_500,
        cashFeeWon: 1_000,
        withholdingIncomeWon: 940,
        withholdingLocalWon: 90,
        withholdingWon: 1_030,
        insuranceWon: 0,
        carriedWon: 0,
        netWon: 29_470,
      });
      // c1: E = 11,111 + 11,234 = 22,345; tax 670.35 → 670, local 67 → 60; net 21,615.
      expect(await statementOf('c1', '2031-01-06')).toMatchObject({
        memberNo: couriers.c1.memberNo,
        memberName: couriers.c1.name,
        earningsWon: 22_345,
        withholdingWon: 730,
        netWon: 21_615,
      });
      // c3: cash only: owes 4,500.
      expect(await statementOf('c3', '2031-01-06')).toMatchObject({ earningsWon: 0, cashFeeWon: 4_500, withholdingWon: 0, netWon: -4_500 });

      const run = await h.http().get(`${API}/admin/settlements/runs/${week1}`).set(bearer(accountant)).expect(200);
      expect(run.body).toMatchObject({ status: 'done', progress: 100, totals: { statements: 4 } });
      const payouts = await h.http().get(`${API}/admin/settlements/runs/${week1}/payouts`).set(bearer(accountant)).expect(200);
      expect(payouts.body.map((p: { memberId: string; amountWon: number }) => p.amountWon).sort()).toEqual([21_615, 29_470].sort());
    });

    it('the lines show each job with its own rate; the courier sees only their own', async () => {
      const mine = await h.http().get(`${API}/courier/statements`).set(bearer(couriers.c1.token)).expect(200);
      expect(mine.body.items).toHaveLength(1);
      const detail = await h.http().get(`${API}/courier/statements/${mine.body.items[0].id}`).set(bearer(couriers.c1.token)).expect(200);
      expect(detail.body.lines.map((l: { feeRateBps: number; feeWon: number; netWon: number }) => [l.feeRateBps, l.feeWon, l.netWon])).toEqual([
        [1000, 1234, 11_111],
        [900, 1111, 11_234],
      ]);
      const other = await h.http().get(`${API}/courier/statements/${mine.body.items[0].id}`).set(bearer(couriers.c2.token)).expect(404);
      expect(other.body.code).toBe('BILLING.STATEMENT_NOT_FOUND');
    });

    it('the same period again changes nothing; an overlapping period is refused', async () => {
      const before = await db.query(`SELECT count(*)::int AS n, sum(net_won)::int AS net FROM settlement_statement`);
      const again = await h.http().post(`${API}/admin/settlements/runs`).set(bearer(accountant)).send({ periodStart: '2031-01-06', periodEnd: '2031-01-12' }).expect(202);
      expect(again.body.runId).toBe(week1);
      await worker.get(SettlementService).execute(week1);
      expect(await db.query(`SELECT count(*)::int AS n, sum(net_won)::int AS net FROM settlement_statement`)).toEqual(before);
      const overlap = await h.http().post(`${API}/admin/settlements/runs`).set(bearer(accountant)).send({ periodStart: '2031-01-01', periodEnd: '2031-01-07' }).expect(409);
      expect(overlap.body.code).toBe('BILLING.PERIOD_OVERLAPS');
    });

    it.each([
      [{ periodStart: '2031-01-20', periodEnd: '2031-01-19' }, 'BILLING.INVALID_PERIOD'],
      [{ periodStart: '2030-12-01', periodEnd: '2031-01-05' }, 'BILLING.INVALID_PERIOD'],
      [{ periodStart: '2031-01-13', periodEnd: '2031-01-13' }, 'BILLING.INVALID_PERIOD'],
      [{ periodStart: '2031-02-30', periodEnd: '2031-03-01' }, 'REQUEST.VALIDATION_FAILED'],
    ])('%j → 400 %s', async (body, code) => {
      const res = await h.http().post(`${API}/admin/settlements/runs`).set(bearer(accountant)).send(body).expect(400);
      expect(res.body.code).toBe(code);
    });

    it('a negative week is carried into the next', async () => {
      await job('c3', '2031-01-14T10:00:00+09:00', 30_000, 'credit'); // 9%: fee 2,700 → E 27,300
      clock.set('2031-01-20T09:00:00+09:00');
      await settle(h, worker, accountant, '2031-01-13', '2031-01-19');
      // tax 819 → 810, local 81 → 80; net = 27,300 − 890 − 4,500 carried.
      expect(await statementOf('c3', '2031-01-13')).toMatchObject({ earningsWon: 27_300, withholdingWon: 890, carriedWon: -4_500, netWon: 21_910 });
      // c4 owes 1,900 from week one (cash fees 1,000 + 900) and had no jobs since: it carries on.
      expect(await statementOf('c4', '2031-01-06')).toMatchObject({ netWon: -1_900 });
      expect(await statementOf('c4', '2031-01-13')).toMatchObject({ jobCount: 0, carriedWon: -1_900, netWon: -1_900 });
    });

    it('a run that crashes halfway and is retried gives exactly the statements of a clean run', async () => {
      const fares = { c1: 11_000, c2: 12_000, c3: 13_000, c4: 14_000 } as Record<string, number>;
      for (const [who, fare] of Object.entries(fares)) await job(who, '2031-01-22T10:00:00+09:00', fare, 'prepaid');
      clock.set('2031-01-27T09:00:00+09:00');
      const res = await h.http().post(`${API}/admin/settlements/runs`).set(bearer(accountant)).send({ periodStart: '2031-01-20', periodEnd: '2031-01-26' }).expect(202);
      const service = worker.get(SettlementService);
      await expect(service.execute(res.body.runId, { afterChunk: (i) => { if (i === 0) throw new Error('crash after the first chunk'); } })).rejects.toThrow('crash');
      const halfway = await h.http().get(`${API}/admin/settlements/runs/${res.body.runId}`).set(bearer(accountant)).expect(200);
      expect(halfway.body).toMatchObject({ status: 'failed', error: 'crash after the first chunk' });
      expect(Number((await db.query(`SELECT count(*) AS n FROM settlement_statement WHERE run_id = $1`, [res.body.runId]))[0].n)).toBe(2);

      await service.execute(res.body.runId);
      const done = await h.http().get(`${API}/admin/settlements/runs/${res.body.runId}`).set(bearer(accountant)).expect(200);
      expect(done.body.status).toBe('done');
      for (const [who, fare] of Object.entries(fares)) {
        const fee = Math.floor((fare * 900) / 10_000);
        const earnings = fare - fee;
        const income = Math.floor((earnings * 3) / 1000) * 10;
        const local = Math.floor(income / 100) * 10;
        const carried = who === 'c4' ? -1_900 : 0;
        expect(await statementOf(who, '2031-01-20')).toMatchObject({ jobCount: 1, earningsWon: earnings, withholdingWon: income + local, carriedWon: carried, netWon: earnings - income - local + carried });
      }
      const lines = await db.query(`SELECT count(*)::int AS n FROM settlement_line l JOIN settlement_statement s ON s.id = l.statement_id WHERE s.run_id = $1`, [res.body.runId]);
      expect(lines[0].n).toBe(4);
      const postings = await db.query(`SELECT count(*)::int AS n FROM ledger_transaction t JOIN settlement_statement s ON s.id = t.id WHERE s.run_id = $1`, [res.body.runId]);
      expect(postings[0].n).toBe(4);
    });

    it('two executions of one run at once, and five requests of one period at once, make one set', async () => {
      for (const who of ['c1', 'c2', 'c3']) await job(who, '2031-01-28T10:00:00+09:00', 9_990, 'credit');
      clock.set('2031-02-03T09:00:00+09:00');
      const requests = await Promise.all(
        Array.from({ length: 5 }, () => h.http().post(`${API}/admin/settlements/runs`).set(bearer(accountant)).send({ periodStart: '2031-01-27', periodEnd: '2031-02-02' })),
      );
      expect(requests.every((r) => r.status === 202)).toBe(true);
      const runIds = new Set(requests.map((r) => r.body.runId));
      expect(runIds.size).toBe(1);
      const [runId] = [...runIds];
      const service = worker.get(SettlementService);
      await Promise.all([service.execute(runId), service.execute(runId)]);
      const counts = await db.query(
        `SELECT (SELECT count(*)::int FROM settlement_statement WHERE run_id = $1) AS statements,
                (SELECT count(*)::int FROM settlement_line l JOIN settlement_statement s ON s.id = l.statement_id WHERE s.run_id = $1) AS lines,
                (SELECT count(*)::int FROM payout WHERE run_id = $1) AS payouts`,
        [runId],
      );
      // c4 had no jobs and nothing to carry (week three's net was positive): no statement.
      expect(counts[0]).toEqual({ statements: 3, lines: 3, payouts: 3 });
      expect(Number((await db.query(`SELECT count(*) AS n FROM outbox_event WHERE topic = 'billing.settlement-run' AND payload->>'runId' = $1`, [runId]))[0].n)).toBe(1);
    });
  });

  describe('payouts and the ledger', () => {
    it('the transfer file is CSV with a BOM, holds the clear account numbers only there, and is audited', async () => {
      const runs = await h.http().get(`${API}/admin/settlements/runs`).set(bearer(accountant)).expect(200);
      const week1 = runs.body.items.find((r: { periodStart: string }) => r.periodStart === '2031-01-06');
      const res = await h.http().get(`${API}/admin/settlements/runs/${week1.id}/payout-file`).set(bearer(accountant)).buffer(true).expect(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(res.headers['content-disposition']).toBe('attachment; filename="dure-payouts-2031-01-06-2031-01-12.csv"');
      const text: string = res.text;
      expect(text.startsWith(UTF8_BOM)).toBe(true);
      const lines = text.slice(1).trim().split('\r\n');
      expect(lines[0]).toBe('bank,account,holder,amount,memo');
      const rows = lines.slice(1).map((l) => l.split(','));
      expect(rows.map((r) => Number(r[3])).sort()).toEqual([21_615, 29_470].sort());
      const c2 = rows.find((r) => r[3] === '29470') as string[];
      expect(c2[1]).toBe(couriers.c2.bankAccount.replace(/-/g, ''));
      expect(c2[4]).toMatch(/^두레 정산 2031-01-06~2031-01-12 DR-\d{4}-\d{5}$/);
      const log = await h.http().get(`${API}/admin/audit-log`).query({ action: 'settlement.payout-file', targetId: week1.id }).set(bearer(admin)).expect(200);
      expect(log.body.total).toBe(1);
      const dispatcher = await h.staff(['dispatcher']);
      await h.http().get(`${API}/admin/settlements/runs/${week1.id}/payout-file`).set(bearer(dispatcher)).expect(403);
    });

    it('a run not done has no payout file yet', async () => {
      const queued = await h.http().post(`${API}/admin/settlements/runs`).set(bearer(accountant)).send({ periodStart: '2031-01-05', periodEnd: '2031-01-05' }).expect(202);
      const res = await h.http().get(`${API}/admin/settlements/runs/${queued.body.runId}/payout-file`).set(bearer(accountant)).expect(409);
      expect(res.body.code).toBe('BILLING.RUN_NOT_DONE');
    });

    it('marking a payout paid posts it; doing it again changes nothing; the books balance', async () => {
      const runs = await h.http().get(`${API}/admin/settlements/runs`).set(bearer(accountant));
      const week1 = runs.body.items.find((r: { periodStart: string }) => r.periodStart === '2031-01-06');
      const payouts = await h.http().get(`${API}/admin/settlements/runs/${week1.id}/payouts`).set(bearer(accountant));
      const p = payouts.body[0];
      const first = await h.http().post(`${API}/admin/payouts/${p.id}/paid`).set(bearer(accountant)).expect(200);
      expect(first.body).toMatchObject({ status: 'paid', amountWon: p.amountWon });
      await h.http().post(`${API}/admin/payouts/${p.id}/paid`).set(bearer(accountant)).expect(200);
      const posted = await db.query(`SELECT count(*)::int AS n FROM ledger_transaction WHERE kind = 'payout' AND ref_id = $1`, [p.id]);
      expect(posted[0].n).toBe(1);
      const balance = await h.http().get(`${API}/admin/ledger/balance`).set(bearer(accountant)).expect(200);
      expect(balance.body.totals.balanced).toBe(true);
      expect(balance.body.totals.debitWon).toBe(balance.body.totals.creditWon);
      const fee = balance.body.accounts.find((a: { account: string }) => a.account === 'fee_revenue');
      const fees = await db.query(`SELECT sum(fee_won)::int AS fees FROM delivery_order WHERE status = 'delivered'`);
      expect(-fee.balanceWon).toBe(fees[0].fees);
    });

    it('the database refuses an unbalanced ledger transaction and any change to a posted one', async () => {
      await expect(
        db.transaction(async (tx) => {
          await tx.query(`INSERT INTO ledger_transaction (id, kind, occurred_at, ref_type, ref_id) VALUES ('11111111-1111-4111-8111-111111111111', 'premium', now(), 'test', 'x')`);
          await tx.query(`INSERT INTO ledger_entry (transaction_id, account, debit_won) VALUES ('11111111-1111-4111-8111-111111111111', 'cash', 100)`);
        }),
      ).rejects.toThrow(/unbalanced/);
      await expect(db.query(`UPDATE ledger_entry SET debit_won = debit_won + 1 WHERE id = (SELECT min(id) FROM ledger_entry WHERE debit_won > 0)`)).rejects.toThrow(/immutable/);
      await expect(db.query(`DELETE FROM ledger_entry WHERE id = (SELECT min(id) FROM ledger_entry)`)).rejects.toThrow(/immutable/);
    });
  });

  describe('invoices and earnings', () => {
    it('invoices a credit client for the month, as JSON and as CSV', async () => {
      const res = await h.http().get(`${API}/admin/invoices`).query({ month: '2031-01' }).set(bearer(accountant)).expect(200);
      expect(res.body).toHaveLength(1);
      const inv = res.body[0];
      expect(inv).toMatchObject({ clientId, businessNo: '7777777777', month: '2031-01' });
      const credit = await db.query(
        `SELECT count(*)::int AS n, sum(fare_won)::int AS total FROM delivery_order WHERE client_id = $1 AND status = 'delivered' AND payment_method = 'credit'
          AND delivered_at >= '2031-01-01T00:00:00+09:00' AND delivered_at < '2031-02-01T00:00:00+09:00'`,
        [clientId],
      );
      expect(inv.jobCount).toBe(credit[0].n);
      expect(inv.totalWon).toBe(credit[0].total);
      expect(inv.lines.reduce((s: number, l: { fareWon: number }) => s + l.fareWon, 0)).toBe(inv.totalWon);
      const csv = await h.http().get(`${API}/admin/invoices`).query({ month: '2031-01', format: 'csv' }).set(bearer(accountant)).buffer(true).expect(200);
      expect(csv.text.startsWith(UTF8_BOM)).toBe(true);
      expect(csv.text.split('\r\n')[0]).toBe(`${UTF8_BOM}month,client,business_no,order_no,delivered_at,pickup,dropoff,item,fare_won`);
      expect(csv.text).toContain('외상거래처');
      await h.http().get(`${API}/admin/invoices`).query({ month: '2031-13' }).set(bearer(accountant)).expect(400);
    });

    it("a courier's earnings with the savings against a 20% fee, in exact won", async () => {
      const res = await h.http().get(`${API}/courier/earnings`).query({ from: '2031-01-06', to: '2031-01-12' }).set(bearer(couriers.c2.token)).expect(200);
      // 20,000 + 15,000 + 10,000 at 10%: the 20% benchmark would have taken 9,000; 4,500 was.
      expect(res.body).toEqual({ from: '2031-01-06', to: '2031-01-12', jobs: 3, grossWon: 45_000, feeWon: 4_500, savingsWon: 4_500, benchmarkRateBps: 2000 });
      await h.http().get(`${API}/courier/earnings`).query({ from: '2031-01-12', to: '2031-01-06' }).set(bearer(couriers.c2.token)).expect(400);
      await h.http().get(`${API}/courier/earnings`).set(bearer(couriers.c2.token)).expect(400);
    });
  });

  it('a requested run is executed by the worker through the queue', async () => {
    const relaying = await startWorker(h.env, clock);
    try {
      await job('c1', '2031-02-04T10:00:00+09:00', 8_000, 'prepaid');
      clock.set('2031-02-10T09:00:00+09:00');
      const res = await h.http().post(`${API}/admin/settlements/runs`).set(bearer(accountant)).send({ periodStart: '2031-02-03', periodEnd: '2031-02-09' }).expect(202);
      const done = await waitFor(async () => {
        const run = await h.http().get(`${API}/admin/settlements/runs/${res.body.runId}`).set(bearer(accountant));
        return run.body.status === 'done' ? run.body : undefined;
      }, { what: 'the worker to settle the run' });
      expect(done.totals).toMatchObject({ statements: 1, jobs: 1 });
    } finally {
      await relaying.close();
    }
  });
});
