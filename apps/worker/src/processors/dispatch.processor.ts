import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Job, UnrecoverableError } from 'bullmq';
import { OfferEngine } from '@dure/dispatch';
import { JobName, QueueName } from '@dure/queue';

/** Offer timeouts (delayed jobs) and the periodic sweep that catches lost ones. */
@Processor(QueueName.Dispatch, { concurrency: 4 })
export class DispatchProcessor extends WorkerHost {
  constructor(private readonly engine: OfferEngine) {
    super();
  }

  async process(job: Job): Promise<unknown> {
    switch (job.name) {
      case JobName.OfferExpire:
        return { state: await this.engine.expire((job.data as { offerId: string }).offerId) };
      case JobName.DispatchSweep:
        return this.engine.sweep();
      default:
        throw new UnrecoverableError(`No handler for ${job.name} on ${QueueName.Dispatch}`);
    }
  }
}
