import { ParseUUIDPipe } from '@nestjs/common';
import { DomainError } from '@dure/common';

/** `:id` path parameters must be UUIDs; anything else is a 400 naming the parameter. */
export const UuidParam = new ParseUUIDPipe({
  exceptionFactory: () =>
    DomainError.invalid('REQUEST.INVALID_ID', 'The id in the path is not a valid UUID', [{ field: 'id', reason: 'must be a UUID' }]),
});
