import type { TestingModule } from '@nestjs/testing';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ActionContext, FixedClock, seededRandom, seoulDate } from '@dure/common';
import { MEMBERSHIP_ENTITIES, MemberApplicationService, MemberLifecycleService, MembershipModule, PartyService, ShareCapitalService } from '@dure/membership';
import { CourierActionsService, DISPATCH_ENTITIES, DispatchModule, OrderCommandsService } from '@dure/dispatch';
import { TestEnv, applicationBody, createDomainTestModule, createTestEnv } from '@dure/testing';
import { BillingModule } from './billing.module';
import { PayoutService } from './payouts/payout.service';
import { SettlementService } from './settlement/settlement.service';
import { LedgerService } from './ledger/ledger.service';

const STAFF: ActionContext = { actor: { type: 'staff', id: '00000000-0000-4000-8000-00000000aaaa', roles: ['admin'] } };
const courier = (id: string): ActionContext => ({ actor: { type: 'courier', id, roles: ['courier'] } });
const stop = (lat: number, lng: number) => ({ address: '대구', lat, lng, contactName: '연락', contactPhone: '053-000-0000' });

/**
 * A simulated month (March 2031: four weeks from Monday the 3rd): thousands of jobs in
 * every payment method, cancellations and failures, share capital, weekly settlements and
 * most payouts paid. Then the books must agree with themselves and with the statements.
 */
describe('billing reconciliation over a simulated month', () => {
  const clock = new FixedClock(new Date('2031-03-01T09:00:00+09:00'));
  let env: TestEnv;
  let mod: TestingModule;
  let db: DataSource;
  /** Seeded: the same month every run. */
  const random = seededRandom(20310301);

  beforeAll(async () => {
    env = await createTestEnv('recon', { DURE_SETTLEMENT_CHUNK_MEMBERS: '7' });
    mod = await createDomainTestModule(env, { imports: [MembershipModule, DispatchModule, BillingModule], entities: [...MEMBERSHIP_ENTITIES, ...DISPATCH_ENTITIES], clock });
    db = mod.get(DataSource);

    const members: string[] = [];
    for (let i = 0; i < 30; i++) {
      const { memberId } = await mod.get(MemberApplicationService).apply(applicationBody() as never);
      await mod.get(MemberLifecycleService).approve(memberId, STAFF);
      await mod.get(ShareCapitalService).record(memberId, { kind: 'payment', amountWon: 100_000, paidOn: '2031-03-01' }, STAFF);
      members.push(memberId);
    }
    const clients: string[] = [];
    for (let i = 0; i < 3; i++) {
      clients.push((await mod.get(PartyService).createClient({ name: `거래처${i}`, businessNo: `88${i}-00-0000${i}`, creditAccount: true }, STAFF)).id);
    }

    const orders = mod.get(OrderCommandsService);
    const actions = mod.get(CourierActionsService);
    for (let day = 3; day <= 30; day++) {
      clock.set(`2031-03-${String(day).padStart(2, '0')}T11:00:00+09:00`);
      const jobs = Array.from({ length: 75 }, () => {
        const r = random();
        const member = members[Math.floor(random() * members.length)];
        // Three couriers take only cash jobs: they owe fees every week, and carry it.
        const paymentMethod = members.indexOf(member) < 3 || r < 0.45 ? 'cash' : r < 0.8 ? 'credit' : 'prepaid';
        // Fares that are not multiples of 10, so every floor matters.
        const fareWon = 3_000 + Math.floor(random() * 60_000) + 7;
        const fate = random();
        return { paymentMethod, fareWon, member, fate, clientId: paymentMethod === 'credit' ? clients[Math.floor(random() * clients.length)] : undefined };
      });
      for (let i = 0; i < jobs.length; i += 15) {
        await Promise.all(
          jobs.slice(i, i + 15).map(async (j) => {
            const o = await orders.create(
              { pickup: stop(35.87, 128.59), dropoff: stop(35.83, 128.62), itemDescription: '물품', vehicleType: 'motorcycle', urgency: 'normal', paymentMethod: j.paymentMethod as never, clientId: j.clientId, fareWon: j.fareWon, dispatchMode: 'manual' },
              STAFF,
            );
            if (j.fate < 0.03) return orders.cancel(o.id, '취소', STAFF);
            await orders.assign(o.id, j.member, STAFF);
            await actions.pickup(courier(j.member), o.id, { eventId: randomUUID() });
            if (j.fate < 0.06) return actions.fail(courier(j.member), o.id, { eventId: randomUUID(), reason: '부재' });
            return actions.deliver(courier(j.member), o.id, { eventId: randomUUID(), recipientName: '수령' });
          }),
        );
      }
    }

    clock.set('2031-04-01T09:00:00+09:00');
    const settlement = mod.get(SettlementService);
    for (const [start, end] of [
      ['2031-03-03', '2031-03-09'],
      ['2031-03-10', '2031-03-16'],
      ['2031-03-17', '2031-03-23'],
      ['2031-03-24', '2031-03-30'],
    ]) {
      const { runId } = await settlement.request(start, end, STAFF);
      await settlement.execute(runId);
      // Pay every payout but the last run's first three.
      const payouts = await mod.get(PayoutService).forRun(runId);
      const toPay = end === '2031-03-30' ? payouts.slice(3) : payouts;
      for (const p of toPay) await mod.get(PayoutService).markPaid(p.id, STAFF);
    }
  }, 180_000);

  afterAll(async () => {
    await mod.close();
    await env.cleanup();
  });

  it('simulated thousands of jobs in every payment method', async () => {
    const rows = await db.query(`SELECT payment_method, count(*)::int AS n FROM delivery_order WHERE status = 'delivered' GROUP BY 1 ORDER BY 1`);
    const total = rows.reduce((s: number, r: { n: number }) => s + r.n, 0);
    expect(total).toBeGreaterThan(1900);
    expect(rows.map((r: { payment_method: string }) => r.payment_method)).toEqual(['cash', 'credit', 'prepaid']);
  });

  it('Σ debits = Σ credits, in total and in every transaction', async () => {
    const balance = await mod.get(LedgerService).balance();
    expect(balance.totals.debitWon).toBe(balance.totals.creditWon);
    expect(balance.totals.debitWon).toBeGreaterThan(10_000_000);
    const unbalanced = await db.query(`SELECT transaction_id FROM ledger_entry GROUP BY transaction_id HAVING sum(debit_won) <> sum(credit_won)`);
    expect(unbalanced).toEqual([]);
  });

  it('every fee in the ledger matches its job, and every job fee is floor(fare × 10%)', async () => {
    const mismatched = await db.query(
      `SELECT o.id FROM delivery_order o
         LEFT JOIN ledger_transaction t ON t.kind = 'delivery' AND t.ref_id = o.id::text
         LEFT JOIN ledger_entry e ON e.transaction_id = t.id AND e.account = 'fee_revenue'
        WHERE o.status = 'delivered'
          AND (o.fee_won IS DISTINCT FROM (o.fare_won * 1000) / 10000 OR coalesce(e.credit_won, 0) <> o.fee_won)`,
    );
    expect(mismatched).toEqual([]);
    const [{ ledger, jobs }] = await db.query(
      `SELECT (SELECT sum(credit_won) FROM ledger_entry WHERE account = 'fee_revenue')::bigint AS ledger,
              (SELECT sum(fee_won) FROM delivery_order WHERE status = 'delivered')::bigint AS jobs`,
    );
    expect(ledger).toBe(jobs);
    const undelivered = await db.query(`SELECT count(*)::int AS n FROM ledger_transaction t JOIN delivery_order o ON o.id::text = t.ref_id WHERE t.kind = 'delivery' AND o.status <> 'delivered'`);
    expect(undelivered[0].n).toBe(0);
  });

  it('every delivered job is on exactly one statement', async () => {
    const [{ delivered, lines }] = await db.query(
      `SELECT (SELECT count(*) FROM delivery_order WHERE status = 'delivered')::int AS delivered, (SELECT count(*) FROM settlement_line)::int AS lines`,
    );
    expect(lines).toBe(delivered);
  });

  it('Σ statement nets = Σ payouts + Σ carried balances', async () => {
    const [r] = await db.query(
      `SELECT (SELECT sum(net_won) FROM settlement_statement)::bigint AS nets,
              (SELECT sum(amount_won) FROM payout)::bigint AS payouts,
              (SELECT coalesce(sum(net_won), 0) FROM settlement_statement WHERE net_won < 0)::bigint AS carried`,
    );
    expect(Number(r.nets)).toBe(Number(r.payouts) + Number(r.carried));
    expect(Number(r.carried)).toBeLessThan(0);
  });

  it("each courier's position in the books is what the statements say: unpaid payouts, less what they still owe", async () => {
    const rows: { member_id: string; books: string; expected: string }[] = await db.query(
      `SELECT m.id AS member_id,
              (SELECT coalesce(sum(credit_won - debit_won), 0) FROM ledger_entry
                WHERE party_id = m.id AND account IN ('courier_payable', 'courier_receivable'))::bigint AS books,
              ((SELECT coalesce(sum(amount_won), 0) FROM payout WHERE member_id = m.id AND status = 'pending')
               + coalesce((SELECT least(net_won, 0) FROM settlement_statement WHERE member_id = m.id ORDER BY period_end DESC LIMIT 1), 0))::bigint AS expected
         FROM member m`,
    );
    expect(rows.length).toBe(30);
    for (const r of rows) expect({ member: r.member_id, books: Number(r.books) }).toEqual({ member: r.member_id, books: Number(r.expected) });
  });

  it('withholding in the ledger equals the statements, and each statement followed the truncation rules', async () => {
    const bad = await db.query(
      `SELECT id FROM settlement_statement
        WHERE withholding_income_won <> (earnings_won * 3 / 1000) * 10
           OR withholding_local_won <> (withholding_income_won / 100) * 10`,
    );
    expect(bad).toEqual([]);
    const [{ ledger, statements }] = await db.query(
      `SELECT (SELECT coalesce(sum(credit_won), 0) FROM ledger_entry WHERE account = 'withholding_tax_payable')::bigint AS ledger,
              (SELECT sum(withholding_won) FROM settlement_statement)::bigint AS statements`,
    );
    expect(ledger).toBe(statements);
    expect(seoulDate(clock.now())).toBe('2031-04-01');
  });
});
