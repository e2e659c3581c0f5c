import { DynamicModule, ForwardReference, Type } from '@nestjs/common';
import { Test, TestingModule } from '@nestjs/testing';
import { ConfigModule } from '@dure/config';
import { Clock, ClockModule } from '@dure/common';
import { DatabaseModule } from '@dure/database';
import { QueueModule } from '@dure/queue';
import type { TestEnv } from './test-env';

type Importable = Type<unknown> | DynamicModule | Promise<DynamicModule> | ForwardReference;

/**
 * A Nest module with the real infrastructure (Postgres, Redis, BullMQ) for integration
 * specs of a domain library.
 */
export async function createDomainTestModule(
  env: TestEnv,
  options: {
    imports: Importable[];
    // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
    entities: Function[];
    clock?: Clock;
    providers?: Parameters<typeof Test.createTestingModule>[0]['providers'];
  },
): Promise<TestingModule> {
  const moduleRef = await Test.createTestingModule({
    imports: [
      ConfigModule.forRoot(env.config),
      ClockModule.forRoot(options.clock),
      DatabaseModule.forRoot({ entities: options.entities, applicationName: 'dure-test' }),
      QueueModule.forRoot(),
      ...options.imports,
    ],
    providers: options.providers ?? [],
  }).compile();
  await moduleRef.init();
  return moduleRef;
}
