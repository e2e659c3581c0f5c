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

  it('serves the console at / and keeps API 404s as JSON', async () => {
    const html = await fetch(`${c.baseUrl}/insurance/batches`);
    expect(html.headers.get('content-type')).toContain('text/html');
    expect(await html.text()).toContain('<div id="root">');
    const api = await fetch(`${c.baseUrl}/api/v1/nothing-here`);
    expect(api.status).toBe(404);
    expect(api.headers.get('content-type')).toContain('application/json');
  });
});
