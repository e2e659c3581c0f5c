import { DataSource } from 'typeorm';
import { COURIER_PASSWORD } from '@dure/testing';
import { ConsoleHarness, browserIt } from '../support/browser';

describe('console: sign-in', () => {
  let c: ConsoleHarness;
  beforeAll(async () => {
    c = await ConsoleHarness.start('br-signin');
  });
  afterAll(() => c.close());

  browserIt('signs in, shows the role, keeps the page on reload and signs out', () => c, async (page) => {
    await page.goto(`${c.baseUrl}/members`);
    // Not signed in: to the sign-in page, and back to where we were after.
    await page.waitForURL(/\/signin$/);
    await page.locator('input[name="login"]').fill('admin');
    await page.locator('input[name="password"]').fill('wrong-password-1');
    await page.getByTestId('sign-in').click();
    // The API's refusal, in the office's language, with its code for support.
    const refusal = page.getByTestId('error-message');
    await refusal.waitFor();
    expect(await refusal.getAttribute('data-code')).toBe('AUTH.INVALID_CREDENTIALS');
    expect(await refusal.textContent()).toBe('아이디 또는 비밀번호가 틀렸습니다AUTH.INVALID_CREDENTIALS');
    await page.locator('input[name="password"]').fill('admin-test-password-1');
    await page.getByTestId('sign-in').click();
    await page.waitForURL(/\/members$/);
    expect(await page.getByTestId('user-role').first().textContent()).toBe('관리자');

    // A reload keeps the session (the refresh token) and the page.
    await page.reload();
    await page.getByTestId('user-role').first().waitFor();
    expect(page.url()).toMatch(/\/members$/);

    // English is a toggle.
    await page.getByTestId('lang-toggle').click();
    expect(await page.getByTestId('user-role').first().textContent()).toBe('Admin');
    expect(await page.getByTestId('nav-members').textContent()).toContain('Members');

    await page.getByTestId('sign-out').click();
    await page.waitForURL(/\/signin$/);
    await page.goto(`${c.baseUrl}/today`);
    await page.waitForURL(/\/signin$/);
  });

  browserIt('refuses a courier and keeps nothing of their session', () => c, async (page) => {
    const courier = await c.h.activeCourier();
    await page.goto(`${c.baseUrl}/signin`);
    await page.locator('input[name="login"]').fill(courier.body.phone);
    await page.locator('input[name="password"]').fill(COURIER_PASSWORD);
    const refused = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/logout'));
    await page.getByTestId('sign-in').click();
    await page.getByRole('alert').filter({ hasText: '조합 직원만' }).waitFor();
    expect((await refused).status()).toBeLessThan(300);
    expect(await page.evaluate('JSON.stringify(Object.keys(sessionStorage))')).toBe('[]');
    // The console stays closed to them, and the session they were given is already over.
    await page.goto(`${c.baseUrl}/today`);
    await page.waitForURL(/\/signin$/);
    const [{ n }] = await c.h.app.get(DataSource).query(`SELECT count(*)::int AS n FROM refresh_token WHERE subject_type = 'courier' AND subject_id = $1 AND revoked_at IS NULL`, [courier.memberId]);
    expect(n).toBe(1); // only the harness's own sign-in of this courier is still live
  });

  browserIt('offers each role the sections it works in; on a portrait tablet the menu folds into a button', () => c, async (page) => {
    await c.h.staff(['accountant'], 'books1');
    await c.signIn(page, 'books1', 'staff-password-123');
    await page.getByTestId('nav-today').waitFor();
    const nav = async () => (await page.locator('[data-testid^="nav-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')))).sort();
    expect(await nav()).toEqual(['nav-billing', 'nav-insurance', 'nav-members', 'nav-orders', 'nav-settings', 'nav-today']);
    // Orders are for reading: no phone order, and its address is refused.
    await page.getByTestId('nav-orders').click();
    await page.getByTestId('orders-export-all').waitFor();
    expect(await page.getByTestId('new-order').count()).toBe(0);
    await page.goto(`${c.baseUrl}/orders/new`);
    await page.getByTestId('forbidden').waitFor();

    await page.setViewportSize({ width: 768, height: 1024 });
    await page.getByRole('button', { name: '메뉴' }).click();
    await page.getByTestId('nav-billing').click();
    await page.waitForURL(/\/billing/);
    // The whole width is the page's: the menu slid away again after the choice.
    await page.waitForFunction(() => {
      const link = (globalThis as unknown as { document: { querySelector(s: string): { getBoundingClientRect(): { right: number } } | null } }).document.querySelector('[data-testid="nav-billing"]');
      return !!link && link.getBoundingClientRect().right <= 0;
    });
  });

  it('serves the console at / and keeps API 404s as JSON', async () => {
    const html = await fetch(`${c.baseUrl}/insurance/batches`);
    expect(html.headers.get('content-type')).toContain('text/html');
    expect(await html.text()).toContain('<div id="root">');
    const api = await fetch(`${c.baseUrl}/api/v1/nothing-here`);
    expect(api.status).toBe(404);
    expect(api.headers.get('content-type')).toContain('application/json');
  });
});
