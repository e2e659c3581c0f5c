import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes for what the office console asks often: deliveries by time over every courier
 * (Today's per-hour chart, the month's fees and savings) and a person's live sessions
 * (ended when an admin changes their account).
 */
export class OfficeIndexes1764300000000 implements MigrationInterface {
  name = 'OfficeIndexes1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE INDEX ix_delivery_order_delivered_at ON delivery_order (delivered_at) INCLUDE (fare_won, fee_won) WHERE status = 'delivered';
      CREATE INDEX ix_refresh_token_live_subject ON refresh_token (subject_type, subject_id) WHERE revoked_at IS NULL;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_refresh_token_live_subject; DROP INDEX ix_delivery_order_delivered_at;`);
  }
}
