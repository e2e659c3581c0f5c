import { ArgumentMetadata, Injectable, ValidationError, ValidationPipe } from '@nestjs/common';
import { DomainError, ErrorDetail } from '@dure/common';
import { unacceptable } from './json-body';

/**
 * Flattens nested class-validator errors into one detail per field
 * (`{field: "consents.privacy", reason}`). A missing field says so rather than listing
 * every rule it also fails. Values are never echoed.
 */
function flatten(errors: ValidationError[], parent = ''): (ErrorDetail & { unknown: boolean })[] {
  return errors.flatMap((e) => {
    const field = parent ? `${parent}.${e.property}` : e.property;
    const names = Object.keys(e.constraints ?? {});
    const own: (ErrorDetail & { unknown: boolean })[] = [];
    if (names.includes('whitelistValidation')) {
      own.push({ field, reason: 'is not a known field', unknown: true });
    } else if (names.length > 0) {
      const code = names.map((n) => (e.contexts?.[n] as { code?: string } | undefined)?.code).find(Boolean);
      const reason =
        e.value === undefined || e.value === null
          ? 'is required'
          : names.map((n) => (e.constraints as Record<string, string>)[n].replace(`${e.property} `, '')).join('; ');
      own.push({ field, reason, ...(code ? { code } : {}), unknown: false });
    }
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

export function validationError(errors: ValidationError[]): DomainError {
  const all = flatten(errors);
  const details: ErrorDetail[] = all.map(({ field, reason, code }) => (code ? { field, reason, code } : { field, reason }));
  if (all.length > 0 && all.every((d) => d.unknown)) {
    return DomainError.invalid('REQUEST.UNKNOWN_FIELD', 'The request has fields this endpoint does not accept', details);
  }
  // One domain-specific code when every failure carries the same one (e.g. MEMBERSHIP.INVALID_RRN).
  const codes = new Set(all.map((d) => d.code ?? 'REQUEST.VALIDATION_FAILED'));
  const code = codes.size === 1 ? [...codes][0] : 'REQUEST.VALIDATION_FAILED';
  return DomainError.invalid(code, 'The request is not valid', details);
}

/**
 * Strict input: unknown fields refused, values transformed to their DTO class, a missing
 * body validated as an empty object (so each required field is named), and a body that is
 * not a JSON object refused.
 */
@Injectable()
export class StrictValidationPipe extends ValidationPipe {
  constructor() {
    super({
      whitelist: true,
      forbidNonWhitelisted: true,
      forbidUnknownValues: true,
      transform: true,
      validationError: { target: false, value: true },
      exceptionFactory: validationError,
    });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' && metadata.metatype && metadata.metatype !== Object) {
      if (value === undefined || value === null) value = {};
      if (typeof value !== 'object' || Array.isArray(value)) {
        throw DomainError.invalid('REQUEST.INVALID_BODY', 'The request body must be a JSON object', [
          { field: 'body', reason: 'must be a JSON object' },
        ]);
      }
    }
    if (metadata.type === 'query' && (value === undefined || value === null)) value = {};
    if (metadata.type === 'query') {
      const problem = unacceptable(value, 0);
      if (problem) throw DomainError.invalid('REQUEST.INVALID_QUERY', `The query ${problem}`, [{ field: 'query', reason: problem }]);
    }
    return super.transform(value, metadata);
  }
}

const strict = new StrictValidationPipe();

/** Validates a body that did not come through @Body() (e.g. multipart fields) the same strict way. */
export async function validateInput<T>(dto: new () => T, plain: unknown): Promise<T> {
  return (await strict.transform(plain, { type: 'body', metatype: dto })) as T;
}
