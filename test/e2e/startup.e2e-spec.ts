import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { DataSource } from 'typeorm';
import { loadConfig } from '@dure/config';
import { DEMO_MEMBERS, DEMO_STAFF_PASSWORD } from '@dure/membership';
import { TEST_REDIS_URL, createEmptyDatabaseName, flushRedisPrefix, uniqueRedisPrefix } from '@dure/testing';
import { createApiApp } from '../../apps/api/src/api.app';
import { API } from '../support/api-harness';
import request from 'supertest';

const ROOT = path.resolve(__dirname, '..', '..');

/** A configuration over a database that does not exist yet, as on a fresh server. */
async function freshServer(label: string, env: Record<string, string>) {
  const db = await createEmptyDatabaseName(label);
  const prefix = uniqueRedisPrefix(label);
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: db.url,
    REDIS_URL: TEST_REDIS_URL,
    DURE_REDIS_PREFIX: prefix,
    DURE_ADMIN_PASSWORD: 'boss-password-123',
    LOG_LEVEL: 'warn',
    ...env,
  });
  return {
    config,
    cleanup: async () => {
      await flushRedisPrefix(prefix);
      await db.drop();
    },
  };
}

describe('start-up', () => {
  it('in production, missing secrets stop the api with a message naming each variable', () => {
    const res = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', 'apps/api/src/main.ts'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, NODE_ENV: 'production', TS_NODE_PROJECT: 'tsconfig.json' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(res.status).toBe(1);
    expect(res.stderr).toContain('DURE_JWT_SECRET is required');
    expect(res.stderr).toContain('DURE_DATA_KEY is required');
  });

  it('on an empty server: creates the database, migrates it, creates the admin and seeds the demo once', async () => {
    const { config, cleanup } = await freshServer('boot', { DURE_ADMIN_LOGIN: 'boss', DURE_DEMO: 'true' });
    try {
      let app = await createApiApp(config);
      await app.getHttpAdapter().getInstance().ready();
      const ds = app.get(DataSource);
      const statuses = await ds.query(`SELECT status, count(*)::int AS n FROM member GROUP BY status ORDER BY status`);
      expect(statuses).toEqual([
        { status: 'active', n: 7 },
        { status: 'applicant', n: 2 },
        { status: 'rejected', n: 1 },
        { status: 'suspended', n: 1 },
        { status: 'withdrawn', n: 1 },
      ]);
      const orders = await ds.query(`SELECT status, count(*)::int AS n FROM delivery_order GROUP BY status ORDER BY status`);
      expect(orders).toEqual([
        { status: 'cancelled', n: 1 },
        { status: 'delivered', n: 2 },
        { status: 'picked_up', n: 1 },
        { status: 'requested', n: 2 },
      ]);
      const insurers = await ds.query(`SELECT name, plans FROM insurer ORDER BY name`);
      expect(insurers).toEqual([
        { name: '근로복지공단 (demo)', plans: ['employment', 'industrial_accident'] },
        { name: '한마음손해보험 (demo)', plans: ['group_accident'] },
      ]);
      const http = () => request(app.getHttpServer());
      const boss = await http().post(`${API}/auth/login`).send({ login: 'boss', password: 'boss-password-123' }).expect(200);
      expect(boss.body.user.roles).toEqual(['admin']);
      await http().post(`${API}/auth/login`).send({ login: 'dispatcher', password: DEMO_STAFF_PASSWORD }).expect(200);
      await http().post(`${API}/auth/login`).send({ login: DEMO_MEMBERS[0].phone, password: 'dure-demo-courier-1234' }).expect(200);
      await app.close();

      // A restart neither re-seeds nor adds a second admin.
      app = await createApiApp(config);
      const again = app.get(DataSource);
      expect((await again.query(`SELECT count(*)::int AS n FROM member`))[0].n).toBe(12);
      expect((await again.query(`SELECT count(*)::int AS n FROM delivery_order`))[0].n).toBe(6);
      expect((await again.query(`SELECT count(*)::int AS n FROM insurer`))[0].n).toBe(2);
      expect((await again.query(`SELECT count(*)::int AS n FROM staff_account WHERE 'admin' = ANY(roles)`))[0].n).toBe(1);
      await app.close();
    } finally {
      await cleanup();
    }
  });

  it('DURE_DEMO=false keeps the demo out of an empty database', async () => {
    const { config, cleanup } = await freshServer('nodemo', { DURE_DEMO: 'false' });
    try {
      const app = await createApiApp(config);
      const ds = app.get(DataSource);
      expect((await ds.query(`SELECT count(*)::int AS n FROM member`))[0].n).toBe(0);
      expect((await ds.query(`SELECT count(*)::int AS n FROM staff_account`))[0].n).toBe(1);
      await app.close();
    } finally {
      await cleanup();
    }
  });
});
