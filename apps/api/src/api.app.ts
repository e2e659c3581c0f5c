import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { DestinationStream } from 'pino';
import { LogController } from 'fastify';
import multipart from '@fastify/multipart';
import { AppConfig } from '@dure/config';
import { Clock, PinoNestLogger, createLogger } from '@dure/common';
import { MembershipBootstrap } from '@dure/membership';
import { DispatchDemoSeed } from '@dure/dispatch';
import { InsuranceDemoSeed } from '@dure/insurance';
import { ApiModule } from './api.module';
import { setupSwagger } from './common/swagger';
import { mountConsole } from './common/console';
import { mountQueueDashboard } from './common/queue-dashboard';
import { useStrictJsonParser } from './common/json-body';

export interface ApiAppOptions {
  /** Where JSON log lines go (stdout by default; tests capture them). */
  logStream?: DestinationStream;
  clock?: Clock;
  /** Create the first admin and the demo cooperative (default true). */
  bootstrap?: boolean;
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/** Builds the API application, initialised and ready to listen. Tests use the same function. */
export async function createApiApp(config: AppConfig, options: ApiAppOptions = {}): Promise<NestFastifyApplication> {
  const logger = createLogger('dure-api', config.logLevel, options.logStream);
  const adapter = new FastifyAdapter({
    loggerInstance: logger,
    logController: new LogController({ requestIdLogLabel: 'requestId' }),
    genReqId: (req: IncomingMessage) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    bodyLimit: 1024 * 1024,
    trustProxy: config.nodeEnv === 'production' ? 'loopback' : false,
  });
  const app = await NestFactory.create<NestFastifyApplication>(ApiModule.forRoot({ config, clock: options.clock }), adapter, {
    logger: new PinoNestLogger(logger),
    // Our own JSON parser (useStrictJsonParser) replaces Fastify's; Nest must not add another.
    bodyParser: false,
  });
  app.setGlobalPrefix('api/v1', { exclude: ['health', 'health/ready'] });
  const fastify = app.getHttpAdapter().getInstance();
  useStrictJsonParser(fastify);
  // Proof-of-delivery photos: one file, a few text fields.
  await app.register(multipart, { limits: { fileSize: config.dispatch.photoMaxBytes, files: 2, fields: 10, fieldSize: 4096 } });
  fastify.addHook('onRequest', async (req, reply) => {
    void reply.header('x-request-id', req.id);
  });
  setupSwagger(app);
  await mountQueueDashboard(app);
  await mountConsole(app);
  await app.init();
  if (options.bootstrap !== false) {
    await app.get(MembershipBootstrap).run();
    await app.get(DispatchDemoSeed).run();
    await app.get(InsuranceDemoSeed).run();
  }
  return app;
}
