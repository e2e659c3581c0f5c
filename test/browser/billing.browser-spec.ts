import { readFile } from 'node:fs/promises';
import type { Download, Page } from 'playwright-core';
import { FixedClock } from '@dure/common';
import { API, bearer } from '../support/api-harness';
import { deliveredJob } from '../support/billing-helpers';
import { ConsoleHarness, browserIt } from '../support/browser';

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

async function downloadOf(page: Page, click: () => Promise<void>): Promise<{ download: Download; body: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  return { download, body: await readFile(await download.path()) };
}

/**
 * Billing and insurance in the console, against the real api and worker. The server's clock
 * is fixed: a job is delivered on Tuesday 2026-11-10 (Seoul), then the clock moves to the
 * Monday after, so the week of 9–15 November has ended and can be settled.
 */
describe('console: billing and insurance', () => {
  const clock = new FixedClock(new Date('2026-11-10T09:00:00+09:00'));
  let c: ConsoleHarness;
  let insurerId: string;
  let courierName: string;

  beforeAll(async () => {
    c = await ConsoleHarness.start('br-billing', { clock });
    const admin = await c.h.admin();
    const courier = await c.h.activeCourier();
    courierName = courier.body.name;
    // Prepaid, 20,000 won at 10%: earnings 18,000; tax 3% = 540, local 10% of it = 54 → 50; net 17,410.
    await deliveredJob(c.h, clock, admin, courier, { at: '2026-11-10T10:00:00+09:00', fareWon: 20_000, paymentMethod: 'prepaid' });
    insurerId = (await c.h.http().post(`${API}/admin/insurers`).set(bearer(admin)).send({ name: '두레단체상해', plans: ['group_accident'] }).expect(201)).body.id;
    clock.set('2026-11-16T09:00:00+09:00');
  }, 60_000);
  afterAll(() => c.close());

  browserIt(
    'settles a past week, shows the statement net in won, downloads the payout file and marks the payout paid',
    () => c,
    async (page) => {
      await c.signIn(page);
      await page.getByTestId('nav-billing').click();
      await page.waitForURL(/\/billing\/runs$/);

      await page.locator('input[name="periodStart"]').fill('2026-11-09');
      await page.locator('input[name="periodEnd"]').fill('2026-11-15');
      await page.getByTestId('run-request').click();
      await page.waitForURL(/\/billing\/runs\/[0-9a-f-]{36}$/);
      // The run page polls until the worker has settled the week.
      await page.locator('[data-testid="run-detail-status"][data-status="done"]').waitFor({ timeout: 30_000 });
      expect(await page.getByTestId('run-total-netWon').textContent()).toBe('17,410원');

      await page.getByTestId('statement-link').click();
      await page.waitForURL(/\/billing\/statements\/[0-9a-f-]{36}$/);
      await page.getByTestId('statement-net').waitFor();
      expect(await page.getByTestId('statement-net').textContent()).toBe('17,410원');
      expect(await page.getByTestId('data-table').textContent()).toContain('20,000원');

      await page.goBack();
      await page.getByTestId('payout-file').waitFor();
      const { download, body } = await downloadOf(page, () => page.getByTestId('payout-file').click());
      expect(download.suggestedFilename()).toBe('dure-payouts-2026-11-09-2026-11-15.csv');
      expect(body.subarray(0, 3)).toEqual(BOM);
      const lines = body.subarray(3).toString('utf8').split('\r\n');
      expect(lines[0]).toBe('bank,account,holder,amount,memo');
      expect(lines[1]).toContain(',17410,');

      await page.getByTestId('payout-mark-paid').click();
      await page.getByTestId('payout-confirm-paid').click();
      await page.locator('[data-testid="payout-status"][data-status="paid"]').waitFor();
      expect(await page.getByTestId('payout-mark-paid').count()).toBe(0);

      // The books still balance after the payout; the fee history shows 20% then 10%.
      await page.getByTestId('billing-tab-ledger').click();
      await page.locator('[data-testid="ledger-balanced"][data-balanced="true"]').waitFor();
      await page.getByTestId('billing-tab-fees').click();
      await page.locator('[data-testid="fee-chart"] .recharts-line').waitFor();
      expect(await page.getByTestId('fee-rate').allTextContents()).toEqual(['20%', '10%']);
    },
    90_000,
  );

  browserIt(
    'requests a delta batch for an insurer, waits for the worker to build it and downloads it',
    () => c,
    async (page) => {
      await c.signIn(page);
      await page.goto(`${c.baseUrl}/insurance/batches`);
      await page.locator('select[name="insurerId"]').selectOption(insurerId);
      const [res] = await Promise.all([
        page.waitForResponse((r) => r.url().endsWith(`${API}/admin/insurance/batches`) && r.request().method() === 'POST'),
        page.getByTestId('batch-submit').click(),
      ]);
      expect(res.status()).toBe(202);
      const { batchId } = (await res.json()) as { batchId: string };

      // The list polls while the batch is queued or building.
      await page.locator(`[data-testid="batch-status-${batchId}"][data-status="ready"]`).waitFor({ timeout: 30_000 });
      const { download, body } = await downloadOf(page, () => page.getByTestId(`batch-download-${batchId}`).click());
      expect(download.suggestedFilename()).toMatch(/\.csv$/);
      expect(body.subarray(0, 3)).toEqual(BOM);
      const [control, header] = body.subarray(3).toString('utf8').split('\r\n');
      expect(control.split(',').slice(0, 1)).toEqual(['#DURE-INSURANCE']);
      expect(control.split(',')[2]).toBe('DELTA');
      expect(control.split(',')[3]).toBe('2026-11-16');
      expect(header.startsWith('record_id,')).toBe(true);

      // The courier's group cover is listed among the enrolments.
      await page.getByTestId('insurance-tab-enrollments').click();
      await page.getByText(courierName).first().waitFor();
    },
    90_000,
  );

  browserIt('an accountant settles and batches but adds no fee policy; a dispatcher sees enrolments only', () => c, async (page) => {
    await c.h.staff(['accountant'], 'accountant1');
    await c.h.staff(['dispatcher'], 'dispatcher1');
    await c.signIn(page, 'accountant1', 'staff-password-123');
    await page.goto(`${c.baseUrl}/billing/fees`);
    await page.getByTestId('fee-rate').first().waitFor();
    expect(await page.getByTestId('fee-policy-form').count()).toBe(0);
    // The insurer list is for admins: an accountant picks from the insurers of earlier batches.
    await page.goto(`${c.baseUrl}/insurance/batches`);
    await page.locator(`select[name="insurerId"] option[value="${insurerId}"]`).waitFor({ state: 'attached' });
    await page.getByTestId('sign-out').click();
    await page.waitForURL(/\/signin$/);

    await c.signIn(page, 'dispatcher1', 'staff-password-123');
    await page.goto(`${c.baseUrl}/billing/runs`);
    await page.getByTestId('forbidden').waitFor();
    await page.goto(`${c.baseUrl}/insurance/batches`);
    await page.waitForURL(/\/insurance\/enrollments$/);
    await page.getByText(courierName).first().waitFor();
    expect(await page.getByTestId('insurance-tab-batches').count()).toBe(0);
  });
});
