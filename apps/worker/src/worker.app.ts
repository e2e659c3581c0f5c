import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { DestinationStream } from 'pino';
import { AppConfig } from '@dure/config';
import { PinoNestLogger, createLogger } from '@dure/common';
import { WorkerModule, WorkerModuleOptions } from './worker.module';

export async function createWorkerApp(
  config: AppConfig,
  options: Omit<WorkerModuleOptions, 'config'> & { logStream?: DestinationStream } = {},
): Promise<INestApplicationContext> {
  const logger = createLogger('dure-worker', config.logLevel, options.logStream);
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot({ ...options, config }), {
    logger: new PinoNestLogger(logger),
  });
  await app.init();
  return app;
}
