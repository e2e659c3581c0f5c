import { Injectable } from '@nestjs/common';
import type { Tx } from '@dure/database';

/**
 * What each consumer has already handled. A consumer records the event in the same
 * transaction as its effect, so a redelivered event is recognised and skipped.
 */
@Injectable()
export class EventInboxRepository {
  /** True when this consumer had not seen the event (and now has). */
  async markProcessed(tx: Tx, eventId: string, consumer: string): Promise<boolean> {
    const rows: unknown[] = await tx.query(
      `INSERT INTO event_inbox (event_id, consumer) VALUES ($1, $2)
       ON CONFLICT DO NOTHING RETURNING 1`,
      [eventId, consumer],
    );
    return rows.length === 1;
  }
}
