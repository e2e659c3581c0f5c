import { STATUS_CODES } from 'node:http';
import type { DomainErrorKind, ErrorDetail } from '@dure/common';

export const STATUS_OF_KIND: Record<DomainErrorKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
  too_large: 413,
  unavailable: 503,
};

/** The one error body of the API (API.md, Conventions). */
export interface ErrorBody {
  statusCode: number;
  error: string;
  code: string;
  message: string;
  details: ErrorDetail[];
  requestId?: string;
}

export function errorBody(statusCode: number, code: string, message: string, details: ErrorDetail[] = []): ErrorBody {
  return { statusCode, error: STATUS_CODES[statusCode] ?? 'Error', code, message, details };
}
