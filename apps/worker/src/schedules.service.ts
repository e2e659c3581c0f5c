import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig } from '@dure/config';
import { BUSINESS_TIME_ZONE } from '@dure/common';
import { JobName, QueueName, QueueRegistry } from '@dure/queue';

interface CalendarJob {
  id: string;
  queue: QueueName;
  pattern: string;
  job: JobName;
}

/**
 * Repeatable jobs. Upserting is idempotent, so every worker may do it at start-up. The
 * dispatch sweep always runs (offers depend on it); the calendar jobs can be turned off
 * (`DURE_SCHEDULES=false`, as tests do, so a run that spans 05:00 is not visited by them).
 */
@Injectable()
export class SchedulesService implements OnApplicationBootstrap {
  constructor(
    private readonly queues: QueueRegistry,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  private calendar(): CalendarJob[] {
    return [
      { id: 'purge-expired-daily', queue: QueueName.Maintenance, pattern: '30 4 * * *', job: JobName.PurgeExpired },
      { id: 'weekly-settlement', queue: QueueName.Billing, pattern: this.config.billing.settlementCron, job: JobName.WeeklySettlement },
      { id: 'insurance-monthly', queue: QueueName.Insurance, pattern: this.config.insurance.monthlyCron, job: JobName.InsuranceMonthlySchedule },
      { id: 'insurance-daily-batches', queue: QueueName.Insurance, pattern: this.config.insurance.batchCron, job: JobName.InsuranceDailyBatches },
    ];
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.queues.get(QueueName.Dispatch).upsertJobScheduler('dispatch-sweep', { every: 15_000 }, { name: JobName.DispatchSweep, data: {} });
    for (const c of this.calendar()) {
      const queue = this.queues.get(c.queue);
      if (this.config.schedules) {
        await queue.upsertJobScheduler(c.id, { pattern: c.pattern, tz: BUSINESS_TIME_ZONE }, { name: c.job, data: {} });
      } else {
        await queue.removeJobScheduler(c.id);
      }
    }
  }
}
