import { QueryFailedError } from 'typeorm';

interface PgDriverError {
  code?: string;
  constraint?: string;
}

function driverError(err: unknown): PgDriverError | undefined {
  if (err instanceof QueryFailedError) return err.driverError as PgDriverError;
  if (err && typeof err === 'object' && 'code' in err) return err as PgDriverError;
  return undefined;
}

/** A unique violation, optionally on one named constraint or index. */
export function isUniqueViolation(err: unknown, constraint?: string): boolean {
  const e = driverError(err);
  return e?.code === '23505' && (constraint === undefined || e.constraint === constraint);
}

export function uniqueViolationConstraint(err: unknown): string | undefined {
  const e = driverError(err);
  return e?.code === '23505' ? e.constraint : undefined;
}
