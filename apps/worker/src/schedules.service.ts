import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig } from '@dure/config';
import { BUSINESS_TIME_ZONE } from '@dure/common';
import { JobName, QueueName, QueueRegistry } from '@dure/queue';

/** Repeatable jobs. Upserting is idempotent, so every worker may do it at start-up. */
@Injectable()
export class SchedulesService implements OnApplicationBootstrap {
  constructor(
    private readonly queues: QueueRegistry,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queues
      .get(QueueName.Maintenance)
      .upsertJobScheduler(
        'purge-expired-daily',
        { pattern: '30 4 * * *', tz: BUSINESS_TIME_ZONE },
        { name: JobName.PurgeExpired, data: {} },
      );
    await this.queues.get(QueueName.Dispatch).upsertJobScheduler('dispatch-sweep', { every: 15_000 }, { name: JobName.DispatchSweep, data: {} });
    await this.queues
      .get(QueueName.Billing)
      .upsertJobScheduler(
        'weekly-settlement',
        { pattern: this.config.billing.settlementCron, tz: BUSINESS_TIME_ZONE },
        { name: JobName.WeeklySettlement, data: {} },
      );
    const insurance = this.queues.get(QueueName.Insurance);
    await insurance.upsertJobScheduler(
      'insurance-monthly',
      { pattern: this.config.insurance.monthlyCron, tz: BUSINESS_TIME_ZONE },
      { name: JobName.InsuranceMonthlySchedule, data: {} },
    );
    await insurance.upsertJobScheduler(
      'insurance-daily-batches',
      { pattern: this.config.insurance.batchCron, tz: BUSINESS_TIME_ZONE },
      { name: JobName.InsuranceDailyBatches, data: {} },
    );
  }
}
