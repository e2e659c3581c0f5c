import type { Page } from 'playwright-core';
import { API, bearer } from '../support/api-harness';
import { ConsoleHarness, browserIt } from '../support/browser';
import { DAEGU, onlineCourier, orderBody } from '../support/dispatch-helpers';

/** Waits until the quote panel shows a settled fare other than `not`, and returns it. */
async function settledFare(page: Page, not?: number): Promise<number> {
  const handle = await page.waitForFunction((previous) => {
    // Runs in the page: the DOM is there even though this file is compiled without its types.
    const doc = (globalThis as unknown as { document: { querySelector(s: string): { getAttribute(n: string): string | null } | null } }).document;
    const el = doc.querySelector('[data-testid="quote-fare"]');
    if (!el || el.getAttribute('data-settled') !== 'true') return null;
    const fare = Number(el.getAttribute('data-fare'));
    return fare > 0 && fare !== previous ? fare : null;
  }, not ?? -1);
  return (await handle.jsonValue()) as number;
}

describe('console: orders and the dispatch board', () => {
  let c: ConsoleHarness;
  beforeAll(async () => {
    // Manual dispatch: no offer or broadcast races the dispatcher's assignment.
    // Offers, where a test asks for them, lapse after the shortest time allowed.
    c = await ConsoleHarness.start('br-orders', { env: { DURE_DISPATCH_MODE: 'manual', DURE_OFFER_SECONDS: '5' } });
  });
  afterAll(() => c.close());

  browserIt(
    'takes a phone order with a live quote, shows a field error beside its field, and assigns the order on the board',
    () => c,
    async (page) => {
      await c.signIn(page);
      await page.getByTestId('nav-orders').click();
      await page.getByTestId('new-order').click();
      await page.waitForURL(/\/orders\/new$/);
      await page.getByTestId('quote-waiting').waitFor();

      // Known places fill the stops; the quote appears and its breakdown adds up to the fare.
      await page.getByTestId('pickup-place').selectOption('dongseongno');
      await page.getByTestId('dropoff-place').selectOption('suseong');
      expect(await page.getByTestId('pickup-lat').inputValue()).toBe('35.8693');
      const normal = await settledFare(page);
      expect(await page.getByTestId('quote-breakdown-total').textContent()).toBe(await page.getByTestId('quote-fare').textContent());
      expect(await page.getByTestId('quote-breakdown').locator('tr').count()).toBeGreaterThanOrEqual(3);

      // It follows the urgency and the vehicle.
      await page.getByTestId('urgency').selectOption('express');
      const express = await settledFare(page, normal);
      expect(express).toBeGreaterThan(normal);
      await page.getByTestId('vehicleType').selectOption('truck_1t');
      const truck = await settledFare(page, express);
      expect(truck).toBeGreaterThan(express);
      await page.getByTestId('vehicleType').selectOption('motorcycle');
      expect(await settledFare(page, truck)).toBe(express);

      // A field the API refuses: its reason shows beside the field.
      await page.getByTestId('itemDescription').fill('서류 봉투 1개');
      await page.getByTestId('pickup-contactPhone').fill('12345');
      await page.getByTestId('order-submit').click();
      const phoneError = page.getByTestId('pickup-contactPhone-error');
      await phoneError.waitFor();
      expect(await phoneError.textContent()).toBe('전화번호(예: 053-123-4567)를 입력하세요');
      expect(await page.getByTestId('pickup-contactPhone').getAttribute('aria-invalid')).toBe('true');
      expect(page.url()).toMatch(/\/orders\/new$/);

      await page.getByTestId('pickup-contactPhone').fill('053-421-0001');
      // Corrected, the field drops its error before the next submit.
      await phoneError.waitFor({ state: 'detached' });
      await page.getByTestId('order-submit').click();
      await page.waitForURL(/\/orders\/[0-9a-f-]{36}$/);
      const orderId = page.url().split('/').pop() as string;
      const orderNo = ((await page.getByTestId('order-no').textContent()) ?? '').replace('#', '').trim();
      await page.locator('[data-testid="timeline-event"][data-status="requested"]').waitFor();
      expect(await page.getByTestId('detail-fare').textContent()).toContain(express.toLocaleString('en-US'));

      // A courier comes online near the pickup; the dispatcher assigns the order to them on the board.
      const courier = await onlineCourier(c.h, DAEGU.dongseongno);
      await page.getByTestId('nav-dispatch').click();
      await page.waitForURL(/\/dispatch/);
      await page.locator('[data-testid="stream-status"][data-status="open"]').waitFor();
      await page.locator('[data-testid="board-map"] .leaflet-container, [data-testid="board-map"].leaflet-container').first().waitFor();
      const card = page.getByTestId(`board-order-${orderNo}`);
      await card.click();
      await page.locator(`[data-testid="board-order-${orderNo}"][data-selected="true"]`).waitFor();
      const row = page.getByTestId(`courier-${courier.memberId}`);
      await row.click();
      await page.locator(`[data-testid="courier-${courier.memberId}"][data-selected="true"]`).waitFor();
      await page.getByTestId('assign-submit').click();

      // The order leaves the waiting list for the road, with its courier.
      const onRoad = page.locator(`[data-testid="inprogress-order-${orderNo}"][data-status="assigned"]`);
      await onRoad.waitFor();
      await card.waitFor({ state: 'detached' });
      const res = await c.h.http().get(`${API}/admin/orders/${orderId}`).set(bearer(await c.h.admin()));
      expect(res.body).toMatchObject({ status: 'assigned', assignedMemberId: courier.memberId, urgency: 'express', fareWon: express });

      // The order page shows the assignment in its history.
      await onRoad.click();
      await page.waitForURL(new RegExp(`/orders/${orderId}$`));
      await page.locator('[data-testid="timeline-event"][data-status="assigned"]').waitFor();
    },
    90_000,
  );

  browserIt('keeps the board live from the event stream, and cancels an order with a reason', () => c, async (page) => {
    await c.signIn(page);
    await page.goto(`${c.baseUrl}/dispatch`);
    await page.locator('[data-testid="stream-status"][data-status="open"]').waitFor();
    // The board is open before the order exists: only the stream can bring it.
    const admin = await c.h.admin();
    const created = await c.h.http().post(`${API}/admin/orders`).set(bearer(admin)).send(orderBody({ dispatchMode: 'manual' })).expect(201);
    const card = page.getByTestId(`board-order-${created.body.orderNo}`);
    await card.waitFor();
    await page.locator('[data-testid="feed-entry"][data-kind="created"]').first().waitFor();

    // Cancelled elsewhere: it leaves the board.
    await c.h.http().post(`${API}/admin/orders/${created.body.id}/cancel`).set(bearer(admin)).send({ reason: '고객 요청' }).expect(200);
    await card.waitFor({ state: 'detached' });

    // On the order page: a reason is required (shown beside the field), then the order is cancelled.
    const second = await c.h.http().post(`${API}/admin/orders`).set(bearer(admin)).send(orderBody({ dispatchMode: 'manual' })).expect(201);
    await page.goto(`${c.baseUrl}/orders/${second.body.id}`);
    await page.getByTestId('order-cancel').click();
    await page.getByTestId('cancel-confirm').click();
    await page.locator('.mantine-Modal-content [data-testid="cancel-reason"][aria-invalid="true"]').waitFor();
    await page.getByTestId('cancel-reason').fill('전화로 취소 요청');
    await page.getByTestId('cancel-confirm').click();
    await page.locator('[data-testid="order-status"][data-status="cancelled"]').first().waitFor();
    await page.locator('[data-testid="timeline-event"][data-status="cancelled"]').waitFor();
    expect(await page.getByTestId('order-timeline').textContent()).toContain('전화로 취소 요청');
  });

  browserIt('shows an offer counting down on the board, and the order back with the dispatchers when it times out', () => c, async (page) => {
    await c.signIn(page);
    await page.goto(`${c.baseUrl}/dispatch`);
    await page.locator('[data-testid="stream-status"][data-status="open"]').waitFor();
    await onlineCourier(c.h, DAEGU.dongseongno);
    const admin = await c.h.admin();
    const created = await c.h.http().post(`${API}/admin/orders`).set(bearer(admin)).send(orderBody({ dispatchMode: 'offer' })).expect(201);
    const card = page.getByTestId(`board-order-${created.body.orderNo}`);

    // Offered to a courier: a live badge naming them, with the seconds left.
    const live = card.locator('[data-testid="offer-badge"][data-state="live"]');
    await live.waitFor();
    expect(await live.textContent()).toMatch(/0:0[0-5]$/);
    const offered = (await c.h.http().get(`${API}/admin/orders/${created.body.id}`).set(bearer(admin)).expect(200)).body.offers[0];
    const member = await c.h.http().get(`${API}/admin/members/${offered.memberId}`).set(bearer(admin)).expect(200);
    await card.locator('[data-testid="offer-badge"]').filter({ hasText: member.body.name }).first().waitFor();

    // Nobody answers: the worker lapses each offer in turn, and the dispatchers get the order back.
    await card.locator('[data-testid="offer-badge"][data-state="timedOut"]').waitFor({ timeout: 30_000 });
    await card.getByTestId('needs-dispatcher').waitFor({ timeout: 30_000 });
    const res = await c.h.http().get(`${API}/admin/orders/${created.body.id}`).set(bearer(admin)).expect(200);
    expect(res.body).toMatchObject({ status: 'requested', needsDispatcher: true });
    expect(res.body.offers.length).toBeGreaterThanOrEqual(1);
    expect(res.body.offers.map((o: { status: string }) => o.status)).toEqual(res.body.offers.map(() => 'expired'));
  }, 60_000);
});
