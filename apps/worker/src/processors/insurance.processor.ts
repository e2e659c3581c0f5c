import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Job, UnrecoverableError } from 'bullmq';
import { BatchService, MonthlyService } from '@dure/insurance';
import { JobName, JobPayloads, QueueName } from '@dure/queue';

/** Monthly premiums and insurer batches: requested through the outbox or by their schedules. */
@Processor(QueueName.Insurance, { concurrency: 1 })
export class InsuranceProcessor extends WorkerHost {
  constructor(
    private readonly monthly: MonthlyService,
    private readonly batches: BatchService,
  ) {
    super();
  }

  async process(job: Job): Promise<unknown> {
    switch (job.name) {
      case JobName.InsuranceMonthly:
        return this.monthly.compute((job.data as JobPayloads[JobName.InsuranceMonthly]).month);
      case JobName.InsuranceMonthlySchedule:
        return this.monthly.computePreviousMonth();
      case JobName.InsuranceBatchBuild:
        return this.batches.build((job.data as JobPayloads[JobName.InsuranceBatchBuild]).batchId);
      case JobName.InsuranceDailyBatches:
        return { batches: await this.batches.requestDaily() };
      default:
        throw new UnrecoverableError(`No handler for ${job.name} on ${QueueName.Insurance}`);
    }
  }
}
