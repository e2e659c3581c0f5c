import type { FastifyInstance, FastifyRequest } from 'fastify';
import sjson from 'secure-json-parse';
import { DomainError } from '@dure/common';

/**
 * Fastify's JSON parser, replaced so malformed JSON reaches the error filter as a coded
 * 400 (Nest would otherwise turn it into an anonymous one). An empty body is no body,
 * which suits the POSTs that take none (approve, reinstate). `__proto__` keys are refused.
 */
export function useStrictJsonParser(fastify: FastifyInstance): void {
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser(
    'application/json',
    { parseAs: 'string' },
    (_req: FastifyRequest, body: string | Buffer, done: (err: Error | null, value?: unknown) => void) => {
      const text = typeof body === 'string' ? body : body.toString('utf8');
      if (text.trim() === '') return done(null, undefined);
      try {
        done(null, sjson.parse(text, undefined, { protoAction: 'error', constructorAction: 'error' }));
      } catch {
        done(
          DomainError.invalid('REQUEST.MALFORMED_JSON', 'The request body is not valid JSON', [
            { field: 'body', reason: 'is not valid JSON' },
          ]),
        );
      }
    },
  );
}
