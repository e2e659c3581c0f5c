import { BeforeApplicationShutdown, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { TrackWriter } from '@dure/dispatch';

/** Drains courier positions into Postgres while the worker runs. */
@Injectable()
export class TrackWriterService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(private readonly writer: TrackWriter) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.writer.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.writer.stop();
  }
}
