import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { API, bearer } from '../support/api-harness';
import { ConsoleHarness, browserIt } from '../support/browser';
import { DAEGU, onlineCourier, orderBody } from '../support/dispatch-helpers';

/** Waits until the element with this test id reads exactly `text`. */
async function waitForText(page: Page, testId: string, text: string): Promise<void> {
  const exactly = new RegExp(`^\\s*${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);
  await page.getByTestId(testId).filter({ hasText: exactly }).first().waitFor({ timeout: 15_000 });
}

const textOf = async (page: Page, testId: string) => (await page.getByTestId(testId).first().textContent())?.trim();

describe('console: today and settings', () => {
  let c: ConsoleHarness;
  beforeAll(async () => {
    c = await ConsoleHarness.start('br-today-settings');
  });
  afterAll(() => c.close());

  /** What a client's API key may do: 200 while it works, 401 once rotated away. */
  const clientMe = async (apiKey: string) => (await fetch(`${c.baseUrl}${API}/client/me`, { headers: { 'x-api-key': apiKey } })).status;

  browserIt("the dashboard shows today's delivered order: fee revenue and savings in exact won, its hour, couriers online", () => c, async (page) => {
    await c.signIn(page);
    await waitForText(page, 'today-fee-revenue', '0원');
    expect(await textOf(page, 'today-status-delivered')).toBe('0');

    // A job placed, assigned, picked up and delivered now, at an agreed fare: fee 10% = 1,234; 20% would be 2,469.
    const admin = await c.h.admin();
    const courier = await c.h.activeCourier();
    const order = (await c.h.http().post(`${API}/admin/orders`).set(bearer(admin)).send(orderBody({ fareWon: 12_345, dispatchMode: 'manual' })).expect(201)).body;
    await c.h.http().post(`${API}/admin/orders/${order.id}/assign`).set(bearer(admin)).send({ memberId: courier.memberId }).expect(200);
    await c.h.http().post(`${API}/courier/jobs/${order.id}/pickup`).set(bearer(courier.token)).send({ eventId: randomUUID() }).expect(200);
    const done = await c.h.http().post(`${API}/courier/jobs/${order.id}/deliver`).set(bearer(courier.token)).send({ eventId: randomUUID(), recipientName: '수령' }).expect(200);
    expect(done.body.feeWon).toBe(1234);
    const hour = (new Date(done.body.deliveredAt).getUTCHours() + 9) % 24;
    // An order waiting for a courier, and a courier on the map.
    await c.h.http().post(`${API}/admin/orders`).set(bearer(admin)).send(orderBody({ dispatchMode: 'manual' })).expect(201);
    await onlineCourier(c.h, DAEGU.dongseongno);

    await page.getByTestId('today-refresh').click();
    await waitForText(page, 'today-fee-revenue', '1,234원');
    expect(await textOf(page, 'today-savings')).toBe('1,235원');
    expect(await textOf(page, 'today-status-delivered')).toBe('1');
    expect(await textOf(page, 'today-status-requested')).toBe('1');
    expect(await textOf(page, 'today-couriers-online')).toBe('1명');
    expect(await textOf(page, `today-hour-${hour}`)).toBe('1');
    expect(await page.getByTestId('today-chart').locator('.recharts-bar-rectangle').count()).toBeGreaterThan(0);

    // English is a toggle; the won reads the other way round.
    await page.getByTestId('lang-toggle').click();
    await waitForText(page, 'today-fee-revenue', '₩1,234');
  });

  browserIt('settings: a staff account after a field error, its roles changed, its password reset, deactivated, the last admin kept; a client key shown once, rotated, the old key dead; a rule set scheduled; the queue dashboard opens', () => c, async (page) => {
    await c.signIn(page);
    await page.getByTestId('nav-settings').click();
    await page.waitForURL(/\/settings\/staff$/);

    // A password too short: the API's error beside the password field.
    await page.getByTestId('staff-add').click();
    const form = page.getByTestId('staff-form');
    await form.locator('input[name="login"]').fill('clerk.kim');
    await form.locator('input[name="password"]').fill('short');
    await form.locator('input[name="name"]').fill('김사무');
    await form.getByLabel('배차 담당').check();
    await form.getByTestId('staff-submit').click();
    const passwordError = page.getByTestId('staff-password-field').locator('.mantine-InputWrapper-error');
    await passwordError.waitFor();
    expect(await passwordError.textContent()).toMatch(/10/);
    // Only the password is wrong: no other field carries an error.
    expect(await form.locator('.mantine-InputWrapper-error').count()).toBe(1);

    await form.locator('input[name="password"]').fill('clerk-password-2031');
    await form.getByTestId('staff-submit').click();
    await form.waitFor({ state: 'detached' });
    await page.getByRole('row', { name: /clerk\.kim/ }).waitFor();
    expect(await page.getByRole('row', { name: /clerk\.kim/ }).textContent()).toContain('배차 담당');
    await c.h.login('clerk.kim', 'clerk-password-2031');

    // Roles changed in a modal (the full new set): the row says so.
    const clerkRow = page.getByRole('row', { name: /clerk\.kim/ });
    await clerkRow.getByTestId('staff-edit').click();
    const editForm = page.getByTestId('staff-edit-form');
    await editForm.getByLabel('회계 담당').check();
    await editForm.getByLabel('배차 담당').uncheck();
    await editForm.getByTestId('staff-edit-submit').click();
    await editForm.waitFor({ state: 'detached' });
    await clerkRow.filter({ hasText: '회계 담당' }).waitFor();
    expect(await clerkRow.textContent()).not.toContain('배차 담당');

    // A password reset: the new one shown once, the old one dead, nothing of it left on the page.
    await clerkRow.getByTestId('staff-reset-password').click();
    await page.getByTestId('staff-password-submit').click();
    const shown = page.getByTestId('staff-new-password');
    await shown.waitFor();
    const newPassword = (await shown.textContent())!.trim();
    expect(newPassword).toMatch(/^[A-Za-z0-9]{16}$/);
    expect((await c.h.login('clerk.kim', newPassword)).user.roles).toEqual(['accountant']);
    await expect(c.h.login('clerk.kim', 'clerk-password-2031')).rejects.toThrow(/401/);
    await page.getByTestId('staff-password-done').click();
    await shown.waitFor({ state: 'detached' });
    expect(await page.content()).not.toContain(newPassword);

    // Deactivated after a confirmation: marked in the list, and the account can no longer sign in.
    await clerkRow.getByTestId('staff-toggle-active').click();
    await page.getByTestId('staff-active-submit').click();
    await clerkRow.locator('[data-testid="staff-status"][data-status="inactive"]').waitFor();
    expect(await clerkRow.getByTestId('staff-status').textContent()).toBe('중지');
    expect(await clerkRow.getByTestId('staff-toggle-active').textContent()).toBe('다시 사용');
    await expect(c.h.login('clerk.kim', newPassword)).rejects.toThrow();

    // The only active admin cannot give up the role: the refusal is said plainly, nothing changes.
    const adminRow = page.getByRole('row', { name: /admin \(나\)/ });
    await adminRow.getByTestId('staff-edit').click();
    await editForm.getByLabel('관리자', { exact: true }).uncheck();
    await editForm.getByLabel('배차 담당').check();
    await editForm.getByTestId('staff-edit-submit').click();
    await page.getByTestId('staff-last-admin').waitFor();
    expect(await editForm.locator('.mantine-InputWrapper-error').textContent()).toContain('마지막 관리자');
    await page.keyboard.press('Escape');
    await editForm.waitFor({ state: 'detached' });
    const accounts = (await c.h.http().get(`${API}/admin/staff`).set(bearer(await c.h.admin())).expect(200)).body.items;
    expect(accounts.find((a: { login: string }) => a.login === 'admin')).toMatchObject({ roles: ['admin'], active: true });
    expect(await adminRow.textContent()).not.toContain('배차 담당');

    // A client: its key shown once.
    await page.getByTestId('settings-tab-clients').click();
    await page.waitForURL(/\/settings\/clients$/);
    await page.getByTestId('client-add').click();
    const clientForm = page.getByTestId('client-form');
    await clientForm.locator('input[name="name"]').fill('대구꽃집');
    await clientForm.locator('input[name="businessNo"]').fill('123-45-67890');
    await clientForm.getByTestId('client-submit').click();
    const keyBox = page.getByTestId('api-key-value');
    await keyBox.waitFor();
    const firstKey = (await keyBox.textContent())!.trim();
    expect(firstKey).toMatch(/^dure_[0-9a-f]{12}_/);
    expect(await clientMe(firstKey)).toBe(200);
    await page.getByTestId('api-key-done').click();
    await keyBox.waitFor({ state: 'detached' });
    expect(await page.content()).not.toContain(firstKey);

    // Rotation, after a confirmation: the new key once, the old one dead at once.
    const row = page.getByRole('row', { name: /대구꽃집/ });
    await row.getByTestId('rotate-key').click();
    await page.getByTestId('rotate-confirm').click();
    await keyBox.waitFor();
    const secondKey = (await keyBox.textContent())!.trim();
    expect(secondKey).toMatch(/^dure_/);
    expect(secondKey).not.toBe(firstKey);
    expect(await clientMe(firstKey)).toBe(401);
    expect(await clientMe(secondKey)).toBe(200);
    await page.getByTestId('api-key-done').click();
    await keyBox.waitFor({ state: 'detached' });

    // Pricing: the rule set in force, and one scheduled from tomorrow (after a field error).
    await page.getByTestId('settings-tab-pricing').click();
    await page.getByTestId('pricing-in-force').waitFor();
    await page.getByTestId('rule-set-add').click();
    const ruleSetForm = page.getByTestId('rule-set-form');
    await ruleSetForm.locator('input[name="roadFactorBps"]').fill('9000');
    await ruleSetForm.getByTestId('rule-set-submit').click();
    await ruleSetForm.locator('.mantine-InputWrapper-error').first().waitFor();
    expect(await ruleSetForm.locator('.mantine-InputWrapper-error').allTextContents()).toEqual([expect.stringMatching(/10,?000/)]);
    await ruleSetForm.locator('input[name="roadFactorBps"]').fill('13500');
    await ruleSetForm.getByTestId('rule-set-submit').click();
    await ruleSetForm.waitFor({ state: 'detached' });
    // The history reads as the card does: a multiplier, not basis points; each phase named.
    await page.getByRole('row', { name: /×1\.35/ }).waitFor();
    expect(await page.getByRole('row', { name: /×1\.35/ }).getByTestId('rule-set-phase').textContent()).toBe('예정');
    expect(await page.getByRole('row', { name: /×1\.3\b/ }).getByTestId('rule-set-phase').textContent()).toBe('적용 중');
    expect(await page.getByTestId('data-table').textContent()).not.toMatch(/13,500|13,000/);
    expect((await c.h.http().get(`${API}/admin/pricing/rule-sets`).set(bearer(await c.h.admin())).expect(200)).body.map((r: { roadFactorBps: number }) => r.roadFactorBps)).toEqual([13_000, 13_500]);

    // The queue dashboard: a cookie first, then a new tab.
    const [tab] = await Promise.all([page.context().waitForEvent('page'), page.getByTestId('queues-open').click()]);
    await tab.waitForURL(/\/admin\/queues$/);
    const status = await tab.evaluate(async () => (await fetch('/admin/queues/api/queues')).status);
    expect(status).toBe(200);
  });

  browserIt('a dispatcher sees the day and the pricing, but no accounts, keys or queues', () => c, async (page) => {
    await c.h.staff(['dispatcher'], 'dispatcher.lee');
    await c.signIn(page, 'dispatcher.lee', 'staff-password-123');
    await page.getByTestId('today-fee-revenue').waitFor();
    await page.getByTestId('nav-settings').click();
    await page.waitForURL(/\/settings\/pricing$/);
    await page.getByTestId('pricing-in-force').waitFor();
    expect(await page.getByTestId('settings-tab-staff').count()).toBe(0);
    expect(await page.getByTestId('rule-set-add').count()).toBe(0);
    expect(await page.getByTestId('queues-open').count()).toBe(0);
    await page.goto(`${c.baseUrl}/settings/clients`);
    await page.waitForURL(/\/settings\/pricing$/);
  });
});
