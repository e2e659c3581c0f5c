import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { QueueRegistry } from '@dure/queue';
import { TokenService } from '@dure/membership';
import { errorBody } from './http-errors';
import { bearerToken } from './auth.guard';

export const QUEUES_PATH = '/admin/queues';
export const QUEUES_COOKIE = 'dure_queues';

function cookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return undefined;
}

/**
 * The bull-board dashboard at /admin/queues, for admins only: a bearer token, or the
 * cookie that POST /api/v1/admin/queues/session sets for a browser.
 */
export async function mountQueueDashboard(app: NestFastifyApplication): Promise<void> {
  const queues = app.get(QueueRegistry);
  const tokens = app.get(TokenService);
  const adapter = new FastifyAdapter();
  adapter.setBasePath(QUEUES_PATH);
  createBullBoard({ queues: queues.all().map((q) => new BullMQAdapter(q)), serverAdapter: adapter });

  await app.register(async (scope: FastifyInstance) => {
    scope.addHook('onRequest', async (req: FastifyRequest, reply: FastifyReply) => {
      const token = bearerToken(req.headers.authorization) ?? cookie(req.headers.cookie, QUEUES_COOKIE);
      const actor = token ? tokens.verifyAccess(token) : null;
      if (!actor) {
        return reply.status(401).send(errorBody(401, 'AUTH.UNAUTHENTICATED', 'An admin session is required'));
      }
      if (actor.type !== 'staff' || !actor.roles.includes('admin')) {
        return reply.status(403).send(errorBody(403, 'AUTH.FORBIDDEN', 'The queue dashboard is for admins'));
      }
    });
    await scope.register(adapter.registerPlugin(), { prefix: QUEUES_PATH });
  });
}
