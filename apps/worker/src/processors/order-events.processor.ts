import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Job, UnrecoverableError } from 'bullmq';
import { OfferEngine } from '@dure/dispatch';
import { JobName, OrderEventName, QueueName, isOrderEventName } from '@dure/queue';

function assertNever(name: never): never {
  throw new UnrecoverableError(`No handler for order event ${String(name)}`);
}

/**
 * Order events: a new order is offered or pushed to couriers. Handlers look at the
 * order's current state under its row lock, so a redelivered or late event is harmless
 * and many orders can be handled at once.
 */
@Processor(QueueName.OrderEvents, { concurrency: 8 })
export class OrderEventsProcessor extends WorkerHost {
  constructor(private readonly engine: OfferEngine) {
    super();
  }

  async process(job: Job<{ orderId: string }>): Promise<unknown> {
    if (!isOrderEventName(job.name)) throw new UnrecoverableError(`Unknown order event ${job.name}`);
    const name = job.name as OrderEventName;
    switch (name) {
      case JobName.OrderCreated:
        await this.engine.onOrderCreated(job.data.orderId);
        return { handled: true };
      case JobName.OrderAssigned:
      case JobName.OrderCancelled:
      case JobName.OrderPickedUp:
      case JobName.OrderDelivered:
      case JobName.OrderFailed:
        // Billing subscribes to deliveries; nothing else reacts yet.
        return { handled: false };
      default:
        return assertNever(name);
    }
  }
}
