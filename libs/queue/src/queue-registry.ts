import { Logger } from '@nestjs/common';
import type { JobsOptions, Queue } from 'bullmq';
import { ALL_QUEUES, DEFAULT_JOB_OPTIONS, JOB_QUEUE, JobName, JobPayloads, QueueName } from './queue.contract';

/** Every queue by name, and a typed way to add a job to the right one. */
export class QueueRegistry {
  private readonly queues = new Map<QueueName, Queue>();

  private readonly log = new Logger('Queues');
  private lastErrorLogAt = 0;

  /** `queues` in the order of ALL_QUEUES. */
  constructor(queues: Queue[]) {
    ALL_QUEUES.forEach((name, i) => {
      this.queues.set(name, queues[i]);
      // Without a listener BullMQ prints every reconnect failure; readiness reports Redis.
      queues[i].on('error', (err: Error) => this.logError(name, err));
    });
  }

  private logError(queue: QueueName, err: Error): void {
    if (Date.now() - this.lastErrorLogAt < 60_000) return;
    this.lastErrorLogAt = Date.now();
    this.log.warn(`queue ${queue}: ${err.message} (repeats are silenced for a minute)`);
  }

  get(name: QueueName): Queue {
    const q = this.queues.get(name);
    if (!q) throw new Error(`Queue ${name} is not registered`);
    return q;
  }

  all(): Queue[] {
    return [...this.queues.values()];
  }

  /**
   * Adds a job directly. Only for work that no database change depends on (schedules,
   * maintenance); anything caused by a change goes through the outbox.
   */
  add<N extends JobName>(name: N, payload: JobPayloads[N], opts: JobsOptions = {}): Promise<unknown> {
    return this.get(JOB_QUEUE[name]).add(name, payload, { ...DEFAULT_JOB_OPTIONS, ...opts });
  }
}
