import type { TestingModule } from '@nestjs/testing';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ActionContext, FixedClock, UTF8_BOM } from '@dure/common';
import { TransactionRunner } from '@dure/database';
import { MEMBERSHIP_ENTITIES, MemberApplicationService, MemberLifecycleService, MembershipModule, PartyService } from '@dure/membership';
import { CourierActionsService, DISPATCH_ENTITIES, DispatchModule, OrderCommandsService } from '@dure/dispatch';
import { BillingModule, LedgerService, SettlementService } from '@dure/billing';
import { MemberEventName, isMemberEventName } from '@dure/queue';
import { TestEnv, applicationBody, createDomainTestModule, createTestEnv } from '@dure/testing';
import { InsuranceModule } from '../insurance.module';
import { EnrollmentService } from '../enrollments/enrollment.service';
import { BatchService } from '../batches/batch.service';
import { MonthlyService } from './monthly.service';

const STAFF: ActionContext = { actor: { type: 'staff', id: '00000000-0000-4000-8000-00000000aaaa', roles: ['admin'] } };
const courier = (id: string): ActionContext => ({ actor: { type: 'courier', id, roles: ['courier'] } });
const stop = { address: '대구 중구', lat: 35.87, lng: 128.59, contactName: '연락', contactPhone: '053-000-0000' };

/**
 * The monthly job in 2022, across the employment rate change of 2022-07-01 (70 → 80 bps
 * each share), with the quick-service expense ratio of 27.4%. Gross 1,101,929 won gives
 * 월 보수액 800,000 (× 72.6% = 800,000.454, floored); 1,101,928 gives 799,999 (799,999.728).
 */
describe('monthly premiums', () => {
  const clock = new FixedClock(new Date('2022-05-02T09:00:00+09:00'));
  let env: TestEnv;
  let mod: TestingModule;
  let db: DataSource;
  let monthly: MonthlyService;
  const members: Record<string, string> = {};

  /** What the worker's event consumer does with each member event, in order. */
  async function deliverMemberEvents(): Promise<void> {
    const events: { id: string; topic: string; payload: Record<string, string> }[] = await db.query(
      `SELECT id::text, topic, payload FROM outbox_event WHERE topic LIKE 'member.%' AND NOT (id::text = ANY($1::text[])) ORDER BY id`,
      [delivered],
    );
    for (const e of events) {
      if (!isMemberEventName(e.topic)) continue;
      await mod.get(TransactionRunner).run((tx) => mod.get(EnrollmentService).onMemberEvent(tx, e.topic as MemberEventName, e.payload as never));
      delivered.push(e.id);
    }
  }
  const delivered: string[] = [];

  async function job(who: string, at: string, fareWon: number): Promise<void> {
    clock.set(at);
    const order = await mod.get(OrderCommandsService).create(
      { pickup: stop, dropoff: stop, itemDescription: '서류', vehicleType: 'motorcycle', urgency: 'normal', paymentMethod: 'prepaid', fareWon, dispatchMode: 'manual' },
      STAFF,
    );
    await mod.get(OrderCommandsService).assign(order.id, members[who], STAFF);
    await mod.get(CourierActionsService).pickup(courier(members[who]), order.id, { eventId: randomUUID() });
    await mod.get(CourierActionsService).deliver(courier(members[who]), order.id, { eventId: randomUUID(), recipientName: '수령' });
  }

  const row = async (who: string, month: string, plan: string) =>
    (
      await db.query(
        `SELECT remuneration_won::int AS remuneration, covered, worker_share_won::int AS worker, employer_share_won::int AS employer,
                worker_rate_bps AS "workerRate", to_char(acquired_on, 'YYYY-MM-DD') AS acquired, to_char(lost_on, 'YYYY-MM-DD') AS lost
           FROM insurance_monthly WHERE member_id = $1 AND month = $2 AND plan = $3`,
        [members[who], month, plan],
      )
    )[0];
  const enrollment = async (who: string, plan: string) =>
    (
      await db.query(
        `SELECT status, pending_action AS "pendingAction", to_char(coverage_start, 'YYYY-MM-DD') AS start, to_char(coverage_end, 'YYYY-MM-DD') AS "end"
           FROM insurance_enrollment WHERE member_id = $1 AND plan = $2`,
        [members[who], plan],
      )
    )[0];

  beforeAll(async () => {
    env = await createTestEnv('ins-monthly');
    mod = await createDomainTestModule(env, {
      imports: [MembershipModule, DispatchModule, BillingModule, InsuranceModule],
      entities: [...MEMBERSHIP_ENTITIES, ...DISPATCH_ENTITIES],
      clock,
    });
    db = mod.get(DataSource);
    monthly = mod.get(MonthlyService);
    for (const name of ['edge', 'exact', 'group', 'short']) {
      if (name === 'short') clock.set('2022-06-10T09:00:00+09:00');
      const { memberId } = await mod.get(MemberApplicationService).apply(applicationBody() as never);
      await mod.get(MemberLifecycleService).approve(memberId, STAFF);
      members[name] = memberId;
    }
    await deliverMemberEvents();

    await job('edge', '2022-06-15T10:00:00+09:00', 1_101_928);
    await job('exact', '2022-06-15T11:00:00+09:00', 1_101_929);
    // A contract shorter than a month: 300,000 won, then gone on the 25th.
    await job('short', '2022-06-20T10:00:00+09:00', 300_000);
    clock.set('2022-06-21T09:00:00+09:00');
    await mod.get(MemberLifecycleService).withdraw(members.short, '이사', '2022-06-25', STAFF);
    await job('exact', '2022-07-15T11:00:00+09:00', 1_101_929);
    await deliverMemberEvents();

    // Computed on 1 August: June with its rate, July with the new one.
    clock.set('2022-08-01T03:00:00+09:00');
    await monthly.compute('2022-06');
    await monthly.compute('2022-07');
  }, 60_000);

  afterAll(async () => {
    await mod.close();
    await env.cleanup();
  });

  it('covers employment from 800,000 won of 월 보수액, not at 799,999', async () => {
    expect(await row('edge', '2022-06', 'employment')).toMatchObject({ remuneration: 799_999, covered: false, worker: 0, employer: 0, acquired: null });
    expect(await enrollment('edge', 'employment')).toBeUndefined();
    // 800,000 × 0.70% = 5,600 each.
    expect(await row('exact', '2022-06', 'employment')).toMatchObject({ remuneration: 800_000, covered: true, worker: 5_600, employer: 5_600, workerRate: 70, acquired: '2022-06-01' });
    expect(await enrollment('exact', 'employment')).toEqual({ status: 'pending', pendingAction: 'add', start: '2022-06-01', end: null });
  });

  it('uses the rate in force in each month: 0.7% in June 2022, 0.8% from July', async () => {
    expect(await row('exact', '2022-07', 'employment')).toMatchObject({ remuneration: 800_000, covered: true, worker: 6_400, employer: 6_400, workerRate: 80, acquired: null });
  });

  it('covers a contract shorter than a month whatever its pay, as a closed cover', async () => {
    // 300,000 − 82,200 = 217,800; × 0.70% = 1,524.6 → 1,524.
    expect(await row('short', '2022-06', 'employment')).toMatchObject({ remuneration: 217_800, covered: true, worker: 1_524, employer: 1_524, acquired: '2022-06-10', lost: '2022-06-25' });
    expect(await enrollment('short', 'employment')).toEqual({ status: 'pending', pendingAction: 'add', start: '2022-06-10', end: '2022-06-24' });
  });

  it('charges the group premium to the cooperative while the group cover runs', async () => {
    expect(await row('group', '2022-06', 'group_accident')).toMatchObject({ covered: true, worker: 0, employer: 12_000 });
    // No industrial accident rate before 2023-07: no rows.
    const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM insurance_monthly WHERE plan = 'industrial_accident'`);
    expect(n).toBe(0);
  });

  it('hands worker shares to settlement and posts the cooperative shares, balanced', async () => {
    const deductions = await db.query(
      `SELECT amount_won::int AS amount, to_char(charged_on, 'YYYY-MM-DD') AS charged, source_ref FROM payroll_deduction WHERE member_id = $1 ORDER BY charged_on`,
      [members.exact],
    );
    expect(deductions).toEqual([
      { amount: 5_600, charged: '2022-07-01', source_ref: `insurance:2022-06:employment:${members.exact}` },
      { amount: 6_400, charged: '2022-08-01', source_ref: `insurance:2022-07:employment:${members.exact}` },
    ]);
    const expense = await db.query(
      `SELECT t.ref_id, e.debit_won::int AS debit FROM ledger_entry e JOIN ledger_transaction t ON t.id = e.transaction_id
        WHERE t.kind = 'premium' AND e.account = 'insurance_expense' AND e.party_id = $1 ORDER BY t.ref_id`,
      [members.exact],
    );
    // One posting per plan and month: employment 5,600 then 6,400, the group premium 12,000 each month.
    expect(expense).toEqual([
      { ref_id: `${members.exact}:2022-06:employment`, debit: 5_600 },
      { ref_id: `${members.exact}:2022-06:group_accident`, debit: 12_000 },
      { ref_id: `${members.exact}:2022-07:employment`, debit: 6_400 },
      { ref_id: `${members.exact}:2022-07:group_accident`, debit: 12_000 },
    ]);
    expect((await mod.get(LedgerService).balance()).totals.balanced).toBe(true);

    // The week holding 1 July deducts June's share on the statement.
    const settlements = mod.get(SettlementService);
    const { runId } = await settlements.request('2022-06-27', '2022-07-03', STAFF);
    await settlements.execute(runId);
    const [statement] = await db.query(`SELECT insurance_won::int AS insurance FROM settlement_statement WHERE member_id = $1 AND run_id = $2`, [members.exact, runId]);
    expect(statement.insurance).toBe(5_600);
  });

  it('changes nothing when a month is computed again, even twice at once', async () => {
    const snapshot = () =>
      db.query(`SELECT (SELECT count(*) FROM insurance_monthly)::int AS monthly, (SELECT count(*) FROM payroll_deduction)::int AS deductions,
                       (SELECT count(*) FROM ledger_entry)::int AS entries, (SELECT count(*) FROM insurance_enrollment_history)::int AS history`);
    const before = await snapshot();
    const again = await Promise.all([monthly.compute('2022-06'), monthly.compute('2022-06')]);
    expect(again.map((r) => r.computed)).toEqual([0, 0]);
    expect(await snapshot()).toEqual(before);
  });

  it('loses employment cover in a month under the threshold, from its first day', async () => {
    // The June addition goes out to the insurer first, so the loss is a termination to report.
    const insurer = await mod.get(PartyService).createInsurer({ name: '근로복지공단', plans: ['employment', 'industrial_accident'] }, STAFF);
    const { batchId } = await mod.get(BatchService).request({ insurerId: insurer.id, kind: 'delta', format: 'csv' }, STAFF);
    await mod.get(BatchService).build(batchId);
    expect(await enrollment('exact', 'employment')).toMatchObject({ status: 'submitted', pendingAction: null });

    await job('exact', '2022-08-10T10:00:00+09:00', 500_000);
    clock.set('2022-09-01T03:00:00+09:00');
    await monthly.computePreviousMonth();
    expect(await row('exact', '2022-08', 'employment')).toMatchObject({ remuneration: 363_000, covered: false, worker: 0, lost: '2022-08-01' });
    expect(await enrollment('exact', 'employment')).toEqual({ status: 'terminating', pendingAction: 'terminate', start: '2022-06-01', end: '2022-07-31' });
  });

  it('reports each month per member as a CSV for Excel', async () => {
    const { csv, filename } = await monthly.reportCsv('2022-06', 'employment', STAFF);
    expect(filename).toBe('insurance-employment-2022-06.csv');
    expect(csv.startsWith(UTF8_BOM)).toBe(true);
    const lines = csv.slice(1).trimEnd().split('\r\n');
    expect(lines[0]).toBe('귀속월,조합원번호,성명,보험,총수입(원),비과세(원),필요경비율(%),월 보수액(원),적용,근로자 부담(원),사업주(조합) 부담(원),취득일,취득 사유,상실일,상실 사유');
    expect(lines).toHaveLength(1 + 4);
    const exact = (await monthly.report('2022-06', 'employment', STAFF)).find((l) => l.memberId === members.exact);
    expect(exact).toMatchObject({ month: '2022-06', grossWon: 1_101_929, nonTaxableWon: 0, expenseRatioBps: 2740, remunerationWon: 800_000, workerShareWon: 5_600, employerShareWon: 5_600 });
    expect(lines.some((l) => l.includes(',1101929,0,27.40,800000,Y,5600,5600,2022-06-01,'))).toBe(true);
  });

  it('refuses a month that has not ended', async () => {
    await expect(monthly.compute('2022-09')).rejects.toMatchObject({ code: 'INSURANCE.MONTH_NOT_OVER' });
    await expect(monthly.compute('2022-13')).rejects.toMatchObject({ code: 'INSURANCE.INVALID_MONTH' });
  });
});
