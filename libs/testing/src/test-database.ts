import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

export const TEST_SERVER_URL = process.env.DURE_TEST_DATABASE_SERVER ?? 'postgres://postgres@127.0.0.1:5432';
export const TEMPLATE_DB = 'dure_test_template';

function urlFor(db: string): string {
  const u = new URL(TEST_SERVER_URL);
  u.pathname = `/${db}`;
  return u.toString();
}

async function withAdmin<T>(work: (c: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: urlFor('postgres') });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/**
 * A database of its own for one test file, cloned from the migrated template that the
 * global setup builds: isolated, and ready in milliseconds.
 */
export async function createTestDatabase(label = 'db'): Promise<TestDatabase> {
  const name = `dure_t_${label.replace(/[^a-z0-9]/gi, '').toLowerCase().slice(0, 20)}_${randomBytes(4).toString('hex')}`;
  await withAdmin(async (c) => {
    for (let attempt = 0; ; attempt++) {
      try {
        await c.query(`CREATE DATABASE "${name}" TEMPLATE "${TEMPLATE_DB}"`);
        return;
      } catch (err) {
        // Two files cloning at the same moment: "source database is being accessed by other users".
        if ((err as { code?: string }).code !== '55006' || attempt >= 50) throw err;
        await new Promise((r) => setTimeout(r, 50 + Math.random() * 100));
      }
    }
  });
  return {
    name,
    url: urlFor(name),
    drop: () => withAdmin(async (c) => void (await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`))),
  };
}

/** An empty database (no migrations), for tests of start-up itself. */
export async function createEmptyDatabaseName(label = 'empty'): Promise<TestDatabase> {
  const name = `dure_t_${label}_${randomBytes(4).toString('hex')}`;
  return {
    name,
    url: urlFor(name),
    drop: () => withAdmin(async (c) => void (await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`))),
  };
}

/** Rebuilds the template from the migrations. Run once per test run (jest global setup). */
export async function rebuildTemplate(migrate: (url: string) => Promise<void>): Promise<void> {
  await withAdmin(async (c) => {
    await c.query(`DROP DATABASE IF EXISTS "${TEMPLATE_DB}" WITH (FORCE)`);
    await c.query(`CREATE DATABASE "${TEMPLATE_DB}"`);
  });
  await migrate(urlFor(TEMPLATE_DB));
}

/** Drops databases left behind by test runs that were killed. */
export async function dropStaleTestDatabases(): Promise<void> {
  await withAdmin(async (c) => {
    const rows = await c.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE 'dure\\_t\\_%'`);
    for (const { datname } of rows.rows) {
      await c.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`).catch(() => undefined);
    }
  });
}
