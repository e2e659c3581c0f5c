import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '@dure/config';
import { OutboxRelay, OutboxRepository, QueueRegistry } from '@dure/queue';

/** Runs the outbox relay for the worker's lifetime; shutdown waits for the batch in flight. */
@Injectable()
export class OutboxRelayService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly log = new Logger('OutboxRelay');
  readonly relay: OutboxRelay;

  constructor(dataSource: DataSource, outbox: OutboxRepository, queues: QueueRegistry, @Inject(AppConfig) config: AppConfig) {
    this.relay = new OutboxRelay(dataSource, outbox, (name) => queues.get(name), {
      databaseUrl: config.databaseUrl,
      log: (level, msg, err) => this.log[level === 'info' ? 'log' : level](err ? `${msg}: ${String(err)}` : msg),
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.relay.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.relay.stop();
  }
}
