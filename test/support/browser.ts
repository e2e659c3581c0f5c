import type { INestApplicationContext } from '@nestjs/common';
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { Browser, BrowserContext, Page, chromium } from 'playwright-core';
import type { Clock } from '@dure/common';
import { TEST_ADMIN_LOGIN, TEST_ADMIN_PASSWORD } from '@dure/testing';
import { ApiHarness } from './api-harness';
import { startWorker } from './dispatch-helpers';

export const CHROMIUM = process.env.DURE_CHROMIUM ?? '/usr/bin/chromium';
const SCREENSHOTS = path.resolve(__dirname, '..', '..', 'test-results');

/**
 * The console served by the real api (listening on a free port) with the real worker,
 * and a headless Chromium to drive it.
 */
export class ConsoleHarness {
  private constructor(
    readonly h: ApiHarness,
    readonly worker: INestApplicationContext,
    readonly browser: Browser,
    readonly baseUrl: string,
  ) {}

  static async start(label: string, options: { env?: Record<string, string>; clock?: Clock } = {}): Promise<ConsoleHarness> {
    const h = await ApiHarness.start({ label, env: options.env, clock: options.clock });
    await h.app.listen(0, '127.0.0.1');
    const { port } = h.app.getHttpServer().address() as AddressInfo;
    const worker = await startWorker(h.env, options.clock);
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-dev-shm-usage'],
    });
    return new ConsoleHarness(h, worker, browser, `http://127.0.0.1:${port}`);
  }

  async close(): Promise<void> {
    await this.browser.close();
    await this.worker.close();
    await this.h.close();
  }

  /** A fresh browser context (its own storage) at tablet size unless told otherwise. */
  context(viewport = { width: 1024, height: 768 }): Promise<BrowserContext> {
    return this.browser.newContext({ viewport, locale: 'ko-KR', timezoneId: 'Asia/Seoul' });
  }

  /** Signs in through the sign-in page and waits for the dashboard. */
  async signIn(page: Page, login = TEST_ADMIN_LOGIN, password = TEST_ADMIN_PASSWORD): Promise<void> {
    await page.goto(`${this.baseUrl}/signin`);
    await page.locator('input[name="login"]').fill(login);
    await page.locator('input[name="password"]').fill(password);
    await page.getByTestId('sign-in').click();
    await page.waitForURL(/\/today$/);
  }
}

/**
 * A browser test: a new page in a new context, and a full-page screenshot in
 * test-results/ when it fails.
 */
export function browserIt(name: string, harness: () => ConsoleHarness, fn: (page: Page) => Promise<void>, timeout?: number): void {
  it(
    name,
    async () => {
      const context = await harness().context();
      // Shorter than the test's own timeout, so a wait that never ends fails naming its locator
      // (and leaves a screenshot) instead of being cut off by Jest.
      context.setDefaultTimeout(15_000);
      const page = await context.newPage();
      try {
        await fn(page);
      } catch (err) {
        mkdirSync(SCREENSHOTS, { recursive: true });
        const file = path.join(SCREENSHOTS, `${name.replace(/[^\p{L}\p{N}]+/gu, '-').slice(0, 80)}.png`);
        await page.screenshot({ path: file, fullPage: true }).catch(() => undefined);
        throw err;
      } finally {
        await context.close();
      }
    },
    timeout,
  );
}
