import { Logger } from '@nestjs/common';
import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Job, UnrecoverableError } from 'bullmq';
import { IdempotencyRepository } from '@dure/database';
import { JobName, QueueName } from '@dure/queue';
import { RefreshTokenRepository } from '@dure/membership';

/** Refresh tokens are kept this long after expiry, so a replayed old token is still recognised. */
const REFRESH_TOKEN_GRACE_DAYS = 7;

@Processor(QueueName.Maintenance)
export class MaintenanceProcessor extends WorkerHost {
  private readonly log = new Logger(MaintenanceProcessor.name);

  constructor(
    private readonly refreshTokens: RefreshTokenRepository,
    private readonly idempotency: IdempotencyRepository,
  ) {
    super();
  }

  async process(job: Job): Promise<unknown> {
    switch (job.name) {
      case JobName.PurgeExpired: {
        const tokens = await this.refreshTokens.purgeExpired(REFRESH_TOKEN_GRACE_DAYS);
        const keys = await this.idempotency.purgeExpired();
        this.log.log(`purged ${tokens} refresh tokens and ${keys} idempotency records`);
        return { tokens, keys };
      }
      default:
        throw new UnrecoverableError(`No handler for ${job.name} on ${QueueName.Maintenance}`);
    }
  }
}
