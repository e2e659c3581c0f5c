/**
 * What kind of failure a domain error is. The API maps kinds to HTTP statuses in one
 * filter; domains never import HTTP.
 */
export type DomainErrorKind =
  | 'invalid'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'rate_limited'
  | 'too_large'
  | 'unavailable';

export interface ErrorDetail {
  field: string;
  reason: string;
  code?: string;
}

export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    readonly code: string,
    message: string,
    readonly details: ErrorDetail[] = [],
    /** Seconds a rate-limited caller should wait. */
    readonly retryAfterSec?: number,
  ) {
    super(message);
    this.name = 'DomainError';
  }

  static invalid(code: string, message: string, details: ErrorDetail[] = []): DomainError {
    return new DomainError('invalid', code, message, details);
  }

  static notFound(code: string, message: string, details: ErrorDetail[] = []): DomainError {
    return new DomainError('not_found', code, message, details);
  }

  static conflict(code: string, message: string, details: ErrorDetail[] = []): DomainError {
    return new DomainError('conflict', code, message, details);
  }

  static forbidden(code: string, message: string): DomainError {
    return new DomainError('forbidden', code, message);
  }

  static unauthenticated(code: string, message: string): DomainError {
    return new DomainError('unauthenticated', code, message);
  }
}

export function isDomainError(err: unknown): err is DomainError {
  return err instanceof DomainError;
}
