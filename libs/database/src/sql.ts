import type { EntityManager } from 'typeorm';

type Queryable = Pick<EntityManager, 'query'>;

/**
 * Runs SQL and returns its rows. TypeORM's Postgres driver answers UPDATE and DELETE with
 * `[rows, rowCount]` and everything else with `rows`; this hides the difference so a
 * `… RETURNING` reads the same whatever the verb.
 */
export async function sqlRows<T>(db: Queryable, sql: string, params: unknown[] = []): Promise<T[]> {
  const raw: unknown = await db.query(sql, params);
  if (Array.isArray(raw) && raw.length === 2 && Array.isArray(raw[0]) && typeof raw[1] === 'number') {
    return raw[0] as T[];
  }
  return raw as T[];
}
