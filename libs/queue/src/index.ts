export * from './queue.contract';
export * from './redis-options';
export * from './redis.provider';
export * from './queue.module';
export * from './queue-registry';
export * from './outbox/outbox.repository';
export * from './outbox/event-inbox.repository';
export * from './outbox/outbox-relay';
