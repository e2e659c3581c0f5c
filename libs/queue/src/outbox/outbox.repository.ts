import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Tx } from '@dure/database';
import { JobPayloads, OUTBOX_TOPICS, OutboxTopic } from '../queue.contract';

export interface PendingOutboxEvent {
  id: string;
  topic: OutboxTopic;
  payload: Record<string, unknown>;
  createdAt: Date;
}

@Injectable()
export class OutboxRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Records an event in the caller's transaction: it exists exactly when the change that
   * caused it commits. The worker's relay delivers it afterwards.
   */
  async publish<N extends OutboxTopic>(tx: Tx, topic: N, payload: JobPayloads[N]): Promise<string> {
    const rows: { id: string }[] = await tx.query(
      `INSERT INTO outbox_event (topic, payload) VALUES ($1, $2) RETURNING id`,
      [topic, JSON.stringify(payload)],
    );
    return rows[0].id;
  }

  /**
   * Locks up to `limit` undelivered events of the topics this build knows; other relays
   * skip them. An event of a topic only a newer build knows waits for that build instead
   * of blocking everything behind it.
   */
  async lockPending(tx: Tx, limit: number): Promise<PendingOutboxEvent[]> {
    const rows: { id: string; topic: OutboxTopic; payload: Record<string, unknown>; created_at: Date }[] =
      await tx.query(
        `SELECT id, topic, payload, created_at FROM outbox_event
          WHERE dispatched_at IS NULL AND topic = ANY($2::text[]) ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [limit, OUTBOX_TOPICS],
      );
    return rows.map((r) => ({ id: String(r.id), topic: r.topic, payload: r.payload, createdAt: r.created_at }));
  }

  async markDispatched(tx: Tx, ids: string[]): Promise<void> {
    await tx.query(`UPDATE outbox_event SET dispatched_at = now() WHERE id = ANY($1::bigint[])`, [ids]);
  }

  async countPending(): Promise<number> {
    const rows: { n: string }[] = await this.dataSource.query(
      `SELECT count(*) AS n FROM outbox_event WHERE dispatched_at IS NULL`,
    );
    return Number(rows[0].n);
  }
}
