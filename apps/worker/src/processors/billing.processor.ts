import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Job, UnrecoverableError } from 'bullmq';
import { SYSTEM_ACTOR } from '@dure/common';
import { SettlementService } from '@dure/billing';
import { JobName, QueueName } from '@dure/queue';

/** Settlement runs (requested through the outbox) and the weekly schedule that requests them. */
@Processor(QueueName.Billing, { concurrency: 1 })
export class BillingProcessor extends WorkerHost {
  constructor(private readonly settlements: SettlementService) {
    super();
  }

  async process(job: Job): Promise<unknown> {
    switch (job.name) {
      case JobName.SettlementRun:
        return this.settlements.execute((job.data as { runId: string }).runId, {
          afterChunk: (i) => job.updateProgress(i),
        });
      case JobName.WeeklySettlement:
        return this.settlements.requestPreviousWeek({ actor: SYSTEM_ACTOR });
      default:
        throw new UnrecoverableError(`No handler for ${job.name} on ${QueueName.Billing}`);
    }
  }
}
