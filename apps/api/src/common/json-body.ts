import type { FastifyInstance, FastifyRequest } from 'fastify';
import sjson from 'secure-json-parse';
import { DomainError } from '@dure/common';

/** Deeper than any DTO of ours: refuse before class-transformer recurses into it. */
export const MAX_JSON_DEPTH = 32;

/**
 * Why a parsed value cannot be accepted: nested too deep, or a NUL character (which
 * Postgres cannot store in text). Undefined when it is fine.
 */
export function unacceptable(value: unknown, depth: number): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? 'contains a NUL character' : undefined;
  if (value === null || typeof value !== 'object') return undefined;
  if (depth >= MAX_JSON_DEPTH) return `is nested deeper than ${MAX_JSON_DEPTH} levels`;
  for (const [k, v] of Object.entries(value)) {
    const problem = k.includes('\u0000') ? 'contains a NUL character' : unacceptable(v, depth + 1);
    if (problem) return problem;
  }
  return undefined;
}

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
      let value: unknown;
      try {
        value = sjson.parse(text, undefined, { protoAction: 'error', constructorAction: 'error' });
      } catch {
        return done(
          DomainError.invalid('REQUEST.MALFORMED_JSON', 'The request body is not valid JSON', [
            { field: 'body', reason: 'is not valid JSON' },
          ]),
        );
      }
      const problem = unacceptable(value, 0);
      if (problem) return done(DomainError.invalid('REQUEST.INVALID_BODY', `The request body ${problem}`, [{ field: 'body', reason: problem }]));
      done(null, value);
    },
  );
}
