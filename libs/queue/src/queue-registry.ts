import type { JobsOptions, Queue } from 'bullmq';
import { ALL_QUEUES, DEFAULT_JOB_OPTIONS, JOB_QUEUE, JobName, JobPayloads, QueueName } from './queue.contract';

/** Every queue by name, and a typed way to add a job to the right one. */
export class QueueRegistry {
  private readonly queues = new Map<QueueName, Queue>();

  /** `queues` in the order of ALL_QUEUES. */
  constructor(queues: Queue[]) {
    ALL_QUEUES.forEach((name, i) => this.queues.set(name, queues[i]));
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
