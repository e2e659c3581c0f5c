import { DomainError } from '@dure/common';

/** Coded errors of the billing domain. Codes are part of the API: never rename one. */
export const BillingErrors = {
  policyInThePast: () =>
    DomainError.invalid('BILLING.POLICY_IN_THE_PAST', 'A fee policy can only start in the future', [
      { field: 'effectiveFrom', reason: 'must be after today (Asia/Seoul)' },
    ]),
  policyDateTaken: () =>
    DomainError.conflict('BILLING.POLICY_DATE_TAKEN', 'A fee policy already starts on that date', [{ field: 'effectiveFrom', reason: 'taken' }]),
  noPolicy: () => DomainError.conflict('BILLING.NO_FEE_POLICY', 'No fee policy is in force at that time'),
  invalidPeriod: (reason: string) => DomainError.invalid('BILLING.INVALID_PERIOD', `The period is not valid: ${reason}`, [{ field: 'periodEnd', reason }]),
  periodOverlaps: () =>
    DomainError.conflict('BILLING.PERIOD_OVERLAPS', 'The period overlaps a settlement run for another period', [
      { field: 'periodStart', reason: 'overlaps another run' },
    ]),
  runNotFound: (id: string) => DomainError.notFound('BILLING.RUN_NOT_FOUND', `Settlement run ${id} was not found`, [{ field: 'id', reason: 'no such run' }]),
  runNotDone: (status: string) =>
    DomainError.conflict('BILLING.RUN_NOT_DONE', `The run is ${status}; the payout file exists once it is done`, [{ field: 'id', reason: `is ${status}` }]),
  statementNotFound: (id: string) =>
    DomainError.notFound('BILLING.STATEMENT_NOT_FOUND', `Statement ${id} was not found`, [{ field: 'id', reason: 'no such statement' }]),
  payoutNotFound: (id: string) => DomainError.notFound('BILLING.PAYOUT_NOT_FOUND', `Payout ${id} was not found`, [{ field: 'id', reason: 'no such payout' }]),
  invalidMonth: () => DomainError.invalid('BILLING.INVALID_MONTH', 'month must be YYYY-MM', [{ field: 'month', reason: 'must be YYYY-MM' }]),
  invalidRange: (reason: string) => DomainError.invalid('BILLING.INVALID_RANGE', `The range is not valid: ${reason}`, [{ field: 'to', reason }]),
};
