import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { waitFor } from '@dure/testing';
import { API, ApiHarness, bearer } from '../support/api-harness';
import { DAEGU, eastOf, onlineCourier, orderBody, startWorker } from '../support/dispatch-helpers';

/**
 * With a small connection pool and more concurrent offer jobs than connections, offering
 * must not deadlock (a transaction holding a connection while waiting for another).
 */
describe('offers with a small connection pool', () => {
  let h: ApiHarness;
  let worker: INestApplicationContext;
  beforeAll(async () => {
    h = await ApiHarness.start({ label: 'dpool', env: { DURE_DB_POOL_SIZE: '3', DURE_DISPATCH_RADIUS_M: '3000' } });
    worker = await startWorker(h.env);
  });
  afterAll(async () => {
    await worker.close();
    await h.close();
  });

  it('twelve orders offered at once all get their offer', async () => {
    await onlineCourier(h, eastOf(DAEGU.chilgok, 100));
    const dispatcher = await h.staff(['dispatcher']);
    const ids = await Promise.all(
      Array.from({ length: 12 }, async () =>
        (
          await h
            .http()
            .post(`${API}/admin/orders`)
            .set(bearer(dispatcher))
            .send(orderBody({ dispatchMode: 'offer', pickup: { address: '칠곡', ...DAEGU.chilgok, contactName: '갑', contactPhone: '053-000-0000' } }))
            .expect(201)
        ).body.id as string,
      ),
    );
    const db = h.app.get(DataSource);
    await waitFor(async () => Number((await db.query(`SELECT count(*) AS n FROM dispatch_offer WHERE order_id = ANY($1::uuid[])`, [ids]))[0].n) === 12, {
      timeoutMs: 20_000,
      what: 'an offer for every order',
    });
  });
});
