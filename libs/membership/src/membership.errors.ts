import { DomainError, ErrorDetail } from '@dure/common';

/** Coded errors of the membership domain. Codes are part of the API: never rename one. */
export const MembershipErrors = {
  invalidRrn: (reason: string) =>
    DomainError.invalid('MEMBERSHIP.INVALID_RRN', 'The resident registration number is not valid', [
      { field: 'rrn', reason, code: 'MEMBERSHIP.INVALID_RRN' },
    ]),
  invalid: (code: string, message: string, details: ErrorDetail[]) => DomainError.invalid(code, message, details),
  duplicateRrn: () =>
    DomainError.conflict('MEMBERSHIP.DUPLICATE_RRN', 'An application with this resident registration number exists', [
      { field: 'rrn', reason: 'already registered' },
    ]),
  duplicatePhone: () =>
    DomainError.conflict('MEMBERSHIP.DUPLICATE_PHONE', 'An application with this phone number exists', [
      { field: 'phone', reason: 'already registered' },
    ]),
  memberNotFound: (id: string) =>
    DomainError.notFound('MEMBERSHIP.MEMBER_NOT_FOUND', `Member ${id} was not found`, [
      { field: 'id', reason: 'no such member' },
    ]),
  invalidTransition: (from: string, action: string) =>
    DomainError.conflict(
      'MEMBERSHIP.INVALID_TRANSITION',
      `A member who is ${from} cannot be ${action}`,
      [{ field: 'status', reason: `is ${from}` }],
    ),
  refundExceedsBalance: (balanceWon: number) =>
    DomainError.conflict('MEMBERSHIP.REFUND_EXCEEDS_BALANCE', `The refund exceeds the paid-in balance of ${balanceWon} won`, [
      { field: 'amountWon', reason: `exceeds balance ${balanceWon}` },
    ]),
  shareCapitalClosed: () =>
    DomainError.conflict('MEMBERSHIP.SHARE_CAPITAL_CLOSED', 'Payments cannot be recorded for a withdrawn or rejected member'),
  staffNotFound: (id: string) =>
    DomainError.notFound('MEMBERSHIP.STAFF_NOT_FOUND', `Staff account ${id} was not found`, [{ field: 'id', reason: 'no such staff account' }]),
  nothingToChange: () =>
    DomainError.invalid('MEMBERSHIP.NOTHING_TO_CHANGE', 'Name at least one of name, roles, active, password', [
      { field: 'body', reason: 'name at least one of name, roles, active, password' },
    ]),
  lastAdmin: (field: 'roles' | 'active') =>
    DomainError.conflict('MEMBERSHIP.LAST_ADMIN', 'The cooperative must keep at least one active admin', [
      { field, reason: 'no other active admin would be left' },
    ]),
  actorNotAdmin: () => DomainError.forbidden('AUTH.FORBIDDEN', 'Only an active admin changes staff accounts'),
  duplicateStaffLogin: () =>
    DomainError.conflict('MEMBERSHIP.DUPLICATE_STAFF_LOGIN', 'A staff account with this login exists', [
      { field: 'login', reason: 'already taken' },
    ]),
  duplicateBusinessNo: () =>
    DomainError.conflict('MEMBERSHIP.DUPLICATE_BUSINESS_NO', 'A client with this business registration number exists', [
      { field: 'businessNo', reason: 'already registered' },
    ]),
  duplicateInsurer: () =>
    DomainError.conflict('MEMBERSHIP.DUPLICATE_INSURER', 'An insurer with this name exists', [
      { field: 'name', reason: 'already registered' },
    ]),
  apiKeyNotFound: (id: string) =>
    DomainError.notFound('AUTH.API_KEY_NOT_FOUND', `No active API key ${id}`, [{ field: 'id', reason: 'no such active key' }]),
};

export const AuthErrors = {
  invalidCredentials: () => DomainError.unauthenticated('AUTH.INVALID_CREDENTIALS', 'Login or password is wrong'),
  accountClosed: () => DomainError.forbidden('AUTH.ACCOUNT_CLOSED', 'This account can no longer sign in'),
  invalidRefreshToken: () => DomainError.unauthenticated('AUTH.INVALID_REFRESH_TOKEN', 'The refresh token is not valid'),
  refreshTokenReused: () =>
    DomainError.unauthenticated(
      'AUTH.REFRESH_TOKEN_REUSED',
      'This refresh token was already used; the session has been ended for safety',
    ),
  throttled: (retryAfterSec: number) =>
    new DomainError('rate_limited', 'AUTH.TOO_MANY_ATTEMPTS', 'Too many sign-in attempts for this login; try again later', [], retryAfterSec),
};
