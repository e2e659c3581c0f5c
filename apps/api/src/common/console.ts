import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from '@nestjs/common';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { AppConfig } from '@dure/config';

/** The console's own paths (client-side routes): each answers with the app's index.html. */
export const CONSOLE_ROUTES = ['signin', 'today', 'members', 'orders', 'dispatch', 'billing', 'insurance', 'settings'];

/**
 * The web console, built by `npm run build` into dist/console, served at `/` from the same
 * origin as the API. Hashed assets are cached for good; index.html never is, so a new build
 * is picked up at once. Without a build the api simply serves no console.
 */
export async function mountConsole(app: NestFastifyApplication): Promise<boolean> {
  const dir = path.resolve(app.get(AppConfig).consoleDir);
  const indexFile = path.join(dir, 'index.html');
  if (!existsSync(indexFile)) {
    new Logger('Console').warn(`No console build at ${dir} (run npm run build); the api serves the API only`);
    return false;
  }
  const index = readFileSync(indexFile);
  await app.register(async (scope: FastifyInstance) => {
    await scope.register(fastifyStatic, { root: path.join(dir, 'assets'), prefix: '/assets/', immutable: true, maxAge: '365d', index: false });
    const sendIndex = async (_req: unknown, reply: FastifyReply) => reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(index);
    scope.get('/', sendIndex);
    for (const route of CONSOLE_ROUTES) {
      scope.get(`/${route}`, sendIndex);
      scope.get(`/${route}/*`, sendIndex);
    }
  });
  return true;
}
