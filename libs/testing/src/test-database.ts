import { createHash, randomBytes } from 'node:crypto';
import * as path from 'node:path';
import { Client } from 'pg';

export const TEST_SERVER_URL = process.env.DURE_TEST_DATABASE_SERVER ?? 'postgres://postgres@127.0.0.1:5432';
/** One template per checkout, so test runs of two clones on one server do not trample each other. */
export const TEMPLATE_DB = `dure_tpl_${createHash('sha1').update(path.resolve(__dirname, '..', '..', '..')).digest('hex').slice(0, 10)}`;

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

/**
 * Drops test databases left behind by runs that were killed: those nobody is connected
 * to (a file of a run still going holds its pool open).
 */
export async function dropStaleTestDatabases(): Promise<void> {
  await withAdmin(async (c) => {
    const rows = await c.query<{ datname: string }>(
      `SELECT d.datname FROM pg_database d
        WHERE d.datname LIKE 'dure\\_t\\_%' AND NOT EXISTS (SELECT 1 FROM pg_stat_activity a WHERE a.datname = d.datname)`,
    );
    for (const { datname } of rows.rows) {
      await c.query(`DROP DATABASE IF EXISTS "${datname}"`).catch(() => undefined);
    }
  });
}
