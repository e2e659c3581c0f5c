import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { API, bearer } from '../support/api-harness';
import { ConsoleHarness, browserIt } from '../support/browser';

const digits = (s: string | null) => (s ?? '').replace(/\D/g, '');
const unique = (prefix: string) => `${prefix}${Math.random().toString(36).slice(2, 8)}`;

/** Waits for the answer of an API call the page makes. */
const answer = (page: Page, method: string, path: RegExp) => page.waitForResponse((r) => r.request().method() === method && path.test(new URL(r.url()).pathname));

describe('console: members', () => {
  let c: ConsoleHarness;
  beforeAll(async () => {
    c = await ConsoleHarness.start('br-members');
  });
  afterAll(() => c.close());

  async function memberOf(id: string): Promise<{ memberNo: string | null; rrn: string; status: string }> {
    const res = await c.h.http().get(`${API}/admin/members/${id}`).set(bearer(await c.h.admin()));
    expect(res.status).toBe(200);
    return res.body;
  }

  browserIt(
    'approves an applicant from the queue, finds them in the register and reveals their RRN with a reason',
    () => c,
    async (page) => {
      const name = unique('브라우저');
      const { memberId, body } = await c.h.apply({ name, accountHolder: name });
      await c.signIn(page);

      // The applicant is in the queue.
      await page.goto(`${c.baseUrl}/members/applications`);
      const row = page.locator('tr', { hasText: name });
      await row.waitFor();

      // Rejecting without a reason: the API's 400 detail shows beside the reason field, in Korean.
      await row.getByTestId('reject').click();
      const rejected = answer(page, 'POST', new RegExp(`/admin/members/${memberId}/reject$`));
      await page.getByTestId('action-confirm').click();
      const res = await rejected;
      expect(res.status()).toBe(400);
      const detail = ((await res.json()) as { details: { field: string; reason: string }[] }).details.find((d) => d.field === 'reason');
      expect(detail).toBeDefined();
      const reasonBox = page.getByTestId('action-reason');
      await page.locator('[data-testid="action-reason"][aria-invalid="true"]').waitFor();
      const errorId = (await reasonBox.getAttribute('aria-describedby'))?.split(' ').find((id) => id.endsWith('-error'));
      expect(errorId).toBeDefined();
      expect(detail?.reason).toBe('must be longer than or equal to 1 characters');
      expect(await page.locator(`[id="${errorId}"]`).textContent()).toBe('1자 이상 입력하세요');
      await page.getByTestId('action-cancel').click();
      await page.getByTestId('action-form').waitFor({ state: 'detached' });
      expect((await memberOf(memberId)).status).toBe('applicant');

      // Approve it: it leaves the queue and gets a member number.
      await row.getByTestId('approve').click();
      const approved = answer(page, 'POST', new RegExp(`/admin/members/${memberId}/approve$`));
      await page.getByTestId('action-confirm').click();
      const approval = await approved;
      expect(approval.status()).toBe(200);
      const { memberNo } = (await approval.json()) as { memberNo: string };
      expect(memberNo).toMatch(/^[A-Z]+-\d{4}-\d{5}$/);
      await page.getByText(memberNo).first().waitFor(); // the notification names it
      await row.waitFor({ state: 'detached' });
      const { rrn: masked } = await memberOf(memberId);

      // The register: search by name, filter to active.
      await page.getByTestId('tab-register').click();
      await page.waitForURL(/\/members$/);
      await page.getByTestId('member-search').fill(name);
      await page.getByTestId('member-search').press('Enter');
      await page.getByTestId('member-status-filter').click();
      await page.getByRole('option', { name: '활동' }).click();
      await page.waitForURL((u) => u.searchParams.get('status') === 'active' && u.searchParams.get('q') === name);
      const registerRow = page.locator('tr', { hasText: name });
      await registerRow.waitFor();
      expect(await page.locator('tbody tr').count()).toBe(1);
      expect(await registerRow.getByTestId('member-status').getAttribute('data-status')).toBe('active');
      expect(await registerRow.getByTestId('member-status').textContent()).toBe('활동');
      expect(await registerRow.getByTestId('member-no').textContent()).toBe(memberNo);

      // The CSV has what the filter matches, PII masked as on screen.
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('member-export').click()]);
      expect(download.suggestedFilename()).toBe('dure-members-active.csv');
      const csv = await readFile(await download.path(), 'utf8');
      const lines = csv.split('\r\n').filter(Boolean);
      expect(lines).toHaveLength(2);
      expect(lines[0].startsWith('\uFEFF조합원 번호,이름,상태')).toBe(true);
      expect(lines[1].startsWith(`${memberNo},${name},활동,`)).toBe(true);
      expect(csv).toContain(masked);
      expect(csv).not.toContain(digits(body.rrn).slice(7));

      // The order is the office's to choose, and it stays in the address.
      await page.getByTestId('member-sort').click();
      await page.getByRole('option', { name: '이름 가나다순' }).click();
      await page.waitForURL((u) => u.searchParams.get('sort') === 'name' && u.searchParams.get('status') === 'active');
      await registerRow.waitFor();

      // The member page: the RRN as the API masks it; revealed in a dialog with a reason.
      await registerRow.getByTestId('member-link').click();
      await page.waitForURL(new RegExp(`/members/${memberId}$`));
      const shownRrn = page.getByTestId('member-rrn');
      await shownRrn.waitFor();
      expect(await shownRrn.textContent()).toBe(masked);
      expect(masked).toMatch(/^\d{6}-\d\*{6}$/);
      expect(await page.locator('body').textContent()).not.toContain(digits(body.rrn).slice(7));

      await page.getByTestId('reveal-rrn').click();
      const revealed = answer(page, 'POST', new RegExp(`/admin/members/${memberId}/reveal$`));
      await page.getByTestId('reveal-reason').fill('보험 가입 서류 확인');
      await page.getByTestId('reveal-submit').click();
      expect((await revealed).status()).toBe(200);
      const value = page.getByTestId('revealed-value');
      await value.waitFor();
      expect(digits(await value.textContent())).toBe(digits(body.rrn));

      // Closing drops the clear value; opening again asks for a reason again.
      await page.getByTestId('reveal-close').click();
      await page.getByTestId('reveal-form').waitFor({ state: 'detached' });
      expect(await page.locator('body').textContent()).not.toContain(digits(body.rrn).slice(7));
      await page.getByTestId('reveal-rrn').click();
      await page.getByTestId('reveal-reason').waitFor();
      expect(await page.getByTestId('revealed-value').count()).toBe(0);
      await page.keyboard.press('Escape');
      await page.getByTestId('reveal-form').waitFor({ state: 'detached' });

      // The status history shows the approval.
      await page.getByTestId('tab-history').click();
      await page.getByTestId('status-history').waitFor();
      expect(await page.getByTestId('status-history').getByTestId('history-to').first().getAttribute('data-status')).toBe('active');
      // …and who approved: the signed-in admin, by name.
      expect(await page.getByTestId('status-history').getByTestId('history-actor').first().textContent()).toBe('Administrator (직원)');

      // A search that matches nobody shows the empty state.
      await page.goto(`${c.baseUrl}/members`);
      await page.getByTestId('member-search').fill(unique('없는사람'));
      await page.getByTestId('member-search-submit').click();
      await page.getByTestId('empty').waitFor();
      expect(await page.locator('tbody tr').count()).toBe(0);
    },
    90_000,
  );

  browserIt(
    'suspends with a reason, reinstates, withdraws with a date, and records share capital',
    () => c,
    async (page) => {
      const name = unique('상태');
      const { memberId } = await c.h.activeCourier({ name, accountHolder: name });
      await c.signIn(page);
      await page.goto(`${c.baseUrl}/members/${memberId}`);
      await page.getByTestId('member-name').waitFor();

      // Suspend: a reason is asked and recorded.
      await page.getByTestId('member-suspend').click();
      await page.getByTestId('action-reason').fill('사고 조사 중');
      await page.getByTestId('action-confirm').click();
      await page.locator('[data-testid="member-status"][data-status="suspended"]').waitFor();
      expect((await memberOf(memberId)).status).toBe('suspended');

      // Reinstate: the reason is optional.
      await page.getByTestId('member-reinstate').click();
      await page.getByTestId('action-confirm').click();
      await page.locator('[data-testid="member-status"][data-status="active"]').waitFor();

      // Share capital: a payment shows in the balance.
      await page.getByTestId('tab-shareCapital').click();
      await page.getByTestId('share-balance').waitFor();
      await page.getByTestId('share-amount').fill('100000');
      const recorded = answer(page, 'POST', new RegExp(`/admin/members/${memberId}/share-capital$`));
      await page.getByTestId('share-submit').click();
      expect((await recorded).status()).toBe(201);
      await page.getByTestId('share-balance').filter({ hasText: /^100,000원$/ }).waitFor();

      // Cover and statements render (the enrolment comes from the worker, so either state may show).
      await page.getByTestId('tab-insurance').click();
      await page.locator('[data-testid="enrollment-status"], [data-testid="empty"]').first().waitFor();
      await page.getByTestId('tab-statements').click();
      await page.getByTestId('empty').waitFor();

      // Withdraw: a date too far ahead is refused beside the date field.
      await page.getByTestId('member-withdraw').click();
      await page.getByTestId('action-reason').fill('본인 탈퇴 신청');
      await page.getByTestId('action-effective-date').fill('2099-01-01');
      await page.getByTestId('action-confirm').click();
      await page.locator('[data-testid="action-effective-date"][aria-invalid="true"]').waitFor();
      await page.getByTestId('action-effective-date').fill(new Date(Date.now() + 9 * 3600_000).toISOString().slice(0, 10));
      await page.getByTestId('action-confirm').click();
      await page.locator('[data-testid="member-status"][data-status="withdrawn"]').waitFor();
      // A withdrawn member has no status actions left.
      for (const action of ['suspend', 'reinstate', 'withdraw']) expect(await page.getByTestId(`member-${action}`).count()).toBe(0);

      await page.getByTestId('tab-history').click();
      const history = page.getByTestId('status-history');
      await history.waitFor();
      expect(await history.textContent()).toContain('사고 조사 중');
      expect(await history.textContent()).toContain('본인 탈퇴 신청');
    },
    90_000,
  );

  browserIt(
    'shows a dispatcher the register and the member page without admin actions, PII reveal or money tabs',
    () => c,
    async (page) => {
      const login = unique('disp');
      await c.h.staff(['dispatcher'], login);
      const name = unique('배차');
      const { memberId } = await c.h.activeCourier({ name, accountHolder: name });
      const applicant = await c.h.apply({ name: unique('대기') });
      await page.goto(`${c.baseUrl}/signin`);
      await page.locator('input[name="login"]').fill(login);
      await page.locator('input[name="password"]').fill('staff-password-123');
      await page.getByTestId('sign-in').click();
      await page.waitForURL(/\/today$/);

      await page.goto(`${c.baseUrl}/members/applications`);
      await page.locator('tr', { hasText: applicant.body.name }).waitFor();
      expect(await page.getByTestId('approve').count()).toBe(0);

      await page.goto(`${c.baseUrl}/members/${memberId}`);
      await page.getByTestId('member-rrn').waitFor();
      expect(await page.getByTestId('reveal-rrn').count()).toBe(0);
      expect(await page.getByTestId('member-suspend').count()).toBe(0);
      expect(await page.getByTestId('tab-shareCapital').count()).toBe(0);
      expect(await page.getByTestId('tab-statements').count()).toBe(0);
      await page.getByTestId('tab-jobs').click();
      await page.getByTestId('empty').waitFor();
    },
    60_000,
  );
});
