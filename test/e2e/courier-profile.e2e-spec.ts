import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { CourierProfileCache } from '@dure/membership';
import { waitFor } from '@dure/testing';
import { createApiApp } from '../../apps/api/src/api.app';
import { API, ApiHarness, bearer } from '../support/api-harness';

const today = () => new Date(Date.now() + 9 * 3600_000).toISOString().slice(0, 10);

/**
 * GET /courier/me is served from a short-lived in-process cache. A change must show at
 * once in the process that made it, and in every other api process through Redis.
 */
describe('GET /courier/me freshness across api processes', () => {
  let a: ApiHarness;
  let b: NestFastifyApplication;
  beforeAll(async () => {
    a = await ApiHarness.start({ label: 'profile', env: { DURE_PROFILE_CACHE_TTL_MS: '60000' } });
    b = await createApiApp(a.env.config, { bootstrap: false });
    await b.getHttpAdapter().getInstance().ready();
    // Both caches must be in use, or the test would pass by reading Postgres every time.
    await waitFor(() => a.app.get(CourierProfileCache).isLive() && b.get(CourierProfileCache).isLive(), { what: 'profile caches to subscribe' });
  });
  afterAll(async () => {
    await b.close();
    await a.close();
  });

  const meOn = (app: NestFastifyApplication, token: string) =>
    request(app.getHttpServer()).get(`${API}/courier/me`).set(bearer(token)).expect(200);

  it('a status change is visible at once where it was made, and promptly elsewhere', async () => {
    const c = await a.activeCourier();
    expect((await meOn(a.app, c.token)).body.status).toBe('active');
    expect((await meOn(b, c.token)).body.status).toBe('active');

    await a.http().post(`${API}/admin/members/${c.memberId}/suspend`).set(bearer(await a.admin())).send({ reason: '점검' }).expect(200);
    expect((await meOn(a.app, c.token)).body.status).toBe('suspended');
    // Far below the 60 s TTL: only the pub/sub invalidation can make this pass.
    await waitFor(async () => (await meOn(b, c.token)).body.status === 'suspended', { timeoutMs: 3000, what: 'process B to see the suspension' });
  });

  it('a share capital payment shows in the balance at once', async () => {
    const c = await a.activeCourier();
    expect((await meOn(a.app, c.token)).body.shareCapital.balanceWon).toBe(0);
    await a
      .http()
      .post(`${API}/admin/members/${c.memberId}/share-capital`)
      .set(bearer(await a.admin()))
      .send({ kind: 'payment', amountWon: 50_000, paidOn: today() })
      .expect(201);
    expect((await meOn(a.app, c.token)).body.shareCapital).toEqual({ balanceWon: 50_000, minimumWon: 100_000 });
    await waitFor(async () => (await meOn(b, c.token)).body.shareCapital.balanceWon === 50_000, { timeoutMs: 3000, what: 'process B to see the payment' });
  });

  it('never serves one courier another courier\'s profile', async () => {
    const [x, y] = [await a.activeCourier(), await a.activeCourier()];
    for (let i = 0; i < 3; i++) {
      expect((await meOn(a.app, x.token)).body.id).toBe(x.memberId);
      expect((await meOn(a.app, y.token)).body.id).toBe(y.memberId);
    }
  });
});
