import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Tx } from './transaction-runner';

/** Small facts about the installation itself (e.g. that the demo was seeded). */
@Injectable()
export class AppStateRepository {
  constructor(private readonly dataSource: DataSource) {}

  async get<T>(key: string, tx?: Tx): Promise<T | undefined> {
    const rows: { value: T }[] = await (tx ?? this.dataSource.manager).query(
      'SELECT value FROM app_state WHERE key = $1',
      [key],
    );
    return rows[0]?.value;
  }

  async set(key: string, value: unknown, tx?: Tx): Promise<void> {
    await (tx ?? this.dataSource.manager).query(
      `INSERT INTO app_state (key, value) VALUES ($1, $2)
       ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()`,
      [key, JSON.stringify(value)],
    );
  }

  /** Runs `work` at most once per key across processes; returns false if it already ran. */
  async once(key: string, tx: Tx): Promise<boolean> {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`app_state:${key}`]);
    const rows: unknown[] = await tx.query(
      `INSERT INTO app_state (key, value) VALUES ($1, 'true') ON CONFLICT (key) DO NOTHING RETURNING key`,
      [key],
    );
    return rows.length === 1;
  }
}
