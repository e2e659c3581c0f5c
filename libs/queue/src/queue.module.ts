import { DynamicModule, Global, Module } from '@nestjs/common';
import { BullModule, getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { AppConfig } from '@dure/config';
import { ALL_QUEUES, DEFAULT_JOB_OPTIONS } from './queue.contract';
import { bullConnection } from './redis-options';
import { RedisClient } from './redis.provider';
import { OutboxRepository } from './outbox/outbox.repository';
import { EventInboxRepository } from './outbox/event-inbox.repository';
import { QueueRegistry } from './queue-registry';

@Global()
@Module({})
export class QueueModule {
  static forRoot(): DynamicModule {
    const bullRoot = BullModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        connection: bullConnection(config.redisUrl),
        prefix: config.redisPrefix,
        defaultJobOptions: DEFAULT_JOB_OPTIONS,
      }),
    });
    const queues = BullModule.registerQueue(...ALL_QUEUES.map((name) => ({ name })));
    return {
      module: QueueModule,
      imports: [bullRoot, queues],
      providers: [
        RedisClient,
        OutboxRepository,
        EventInboxRepository,
        {
          provide: QueueRegistry,
          inject: ALL_QUEUES.map((name) => getQueueToken(name)),
          useFactory: (...all: Queue[]) => new QueueRegistry(all),
        },
      ],
      exports: [bullRoot, queues, RedisClient, OutboxRepository, EventInboxRepository, QueueRegistry],
    };
  }
}
