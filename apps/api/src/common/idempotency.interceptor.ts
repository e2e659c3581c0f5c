import { CallHandler, ExecutionContext, Injectable, NestInterceptor, SetMetadata, UseInterceptors, applyDecorators } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { PiiCipher } from '@dure/membership';
import { ApiHeader } from '@nestjs/swagger';
import { createHash } from 'node:crypto';
import type { FastifyReply } from 'fastify';
import { Observable, from, of, throwError } from 'rxjs';
import { catchError, mergeMap } from 'rxjs/operators';
import { DomainError } from '@dure/common';
import { IdempotencyRepository } from '@dure/database';
import type { AuthedRequest } from './auth.decorators';
import { ApiErrors } from './api-docs';

const KEY_FORMAT = /^[\x21-\x7e]{1,255}$/;
/** How long a key is remembered. */
const TTL_SEC = 24 * 3600;

const SEALED = 'dure:idempotent-sealed';

/**
 * The POST accepts an `Idempotency-Key`: a repeat with the same body gets the first answer.
 * Bound per route, not globally, so other requests do not pay for an interceptor chain.
 * `sealResponse` for answers that carry a secret (a new API key): the remembered answer is
 * encrypted at rest like personal data.
 */
export const Idempotent = (options: { sealResponse?: boolean } = {}) =>
  applyDecorators(
    SetMetadata(SEALED, options.sealResponse === true),
    UseInterceptors(IdempotencyInterceptor),
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      description: 'Retry-safe creation: the same key and body return the first response; another body is a 409',
    }),
    ApiErrors(409),
  );

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly records: IdempotencyRepository,
    private readonly cipher: PiiCipher,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = context.switchToHttp().getRequest<AuthedRequest>();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const key = req.headers['idempotency-key'];
    if (key === undefined) return next.handle();
    if (typeof key !== 'string' || !KEY_FORMAT.test(key)) {
      return throwError(() =>
        DomainError.invalid('IDEMPOTENCY.INVALID_KEY', 'Idempotency-Key must be 1-255 visible ASCII characters', [
          { field: 'Idempotency-Key', reason: 'must be 1-255 visible ASCII characters' },
        ]),
      );
    }
    const scope = req.actor ? `${req.actor.type}:${req.actor.id}` : 'public';
    const sealed = this.reflector.get<boolean>(SEALED, context.getHandler()) === true;
    const context_ = `idempotency:${scope}:${key}`;
    const store = (body: unknown): unknown =>
      sealed ? { sealed: this.cipher.seal(JSON.stringify(body ?? null), context_) } : body;
    const load = (stored: unknown): unknown => {
      const s = (stored as { sealed?: { ciphertext: string; keyId: string } } | null)?.sealed;
      return sealed && s ? JSON.parse(this.cipher.open(s, context_)) : stored;
    };
    const hash = createHash('sha256')
      .update(`${req.method} ${req.url.split('?')[0]}\n${canonical(req.body)}`)
      .digest('hex');

    return from(this.records.claim(scope, key, hash, TTL_SEC)).pipe(
      mergeMap((claim) => {
        switch (claim.state) {
          case 'replay':
            void reply.status(claim.statusCode).header('idempotent-replayed', 'true');
            return of(load(claim.body));
          case 'mismatch':
            throw DomainError.conflict('IDEMPOTENCY.KEY_REUSED', 'This Idempotency-Key was used with a different request', [
              { field: 'Idempotency-Key', reason: 'already used with another body' },
            ]);
          case 'in_progress':
            throw DomainError.conflict('IDEMPOTENCY.IN_PROGRESS', 'A request with this Idempotency-Key is still being processed', [
              { field: 'Idempotency-Key', reason: 'in progress' },
            ]);
          case 'claimed':
            return next.handle().pipe(
              mergeMap(async (body: unknown) => {
                await this.records.complete(scope, key, reply.statusCode, store(body));
                return body;
              }),
              // A failed request leaves no effect (its transaction rolled back), so the key is
              // freed for a corrected retry.
              catchError((err: unknown) =>
                from(this.records.release(scope, key)).pipe(mergeMap(() => throwError(() => err))),
              ),
            );
        }
      }),
    );
  }
}
