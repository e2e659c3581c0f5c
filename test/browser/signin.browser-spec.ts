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
    await page.getByRole('alert').waitFor();
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

  it('serves the console at / and keeps API 404s as JSON', async () => {
    const html = await fetch(`${c.baseUrl}/insurance/batches`);
    expect(html.headers.get('content-type')).toContain('text/html');
    expect(await html.text()).toContain('<div id="root">');
    const api = await fetch(`${c.baseUrl}/api/v1/nothing-here`);
    expect(api.status).toBe(404);
    expect(api.headers.get('content-type')).toContain('application/json');
  });
});
