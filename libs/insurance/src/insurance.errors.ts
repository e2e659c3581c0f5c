import { DomainError } from '@dure/common';

/** Coded errors of the insurance domain. Codes are part of the API: never rename one. */
export const InsuranceErrors = {
  invalidMonth: (field = 'month') => DomainError.invalid('INSURANCE.INVALID_MONTH', `${field} must be YYYY-MM`, [{ field, reason: 'must be YYYY-MM' }]),
  monthNotOver: (month: string) =>
    DomainError.invalid('INSURANCE.MONTH_NOT_OVER', `${month} has not ended yet (Asia/Seoul)`, [{ field: 'month', reason: 'must be a month that has ended' }]),
  rateInvalid: (field: string, reason: string) => DomainError.invalid('INSURANCE.INVALID_RATE', `The rate is not valid: ${field} ${reason}`, [{ field, reason }]),
  rateInUse: (plan: string, month: string) =>
    DomainError.conflict('INSURANCE.RATE_IN_USE', `Premiums of ${plan} for ${month} are already computed with the rate in force; a rate may not change a computed month`, [
      { field: 'effectiveFrom', reason: `must be after ${month}` },
    ]),
  enrollmentNotFound: (id: string) =>
    DomainError.notFound('INSURANCE.ENROLLMENT_NOT_FOUND', `Enrolment ${id} was not found`, [{ field: 'id', reason: 'no such enrolment' }]),
  cannotResubmit: (status: string) =>
    DomainError.conflict('INSURANCE.CANNOT_RESUBMIT', `An enrolment that is ${status} cannot be resubmitted (only rejected or enrolled ones)`, [
      { field: 'id', reason: `is ${status}` },
    ]),
  insurerNotFound: (id: string) => DomainError.notFound('INSURANCE.INSURER_NOT_FOUND', `Insurer ${id} was not found`, [{ field: 'insurerId', reason: 'no such insurer' }]),
  batchNotFound: (id: string) => DomainError.notFound('INSURANCE.BATCH_NOT_FOUND', `Batch ${id} was not found`, [{ field: 'id', reason: 'no such batch' }]),
  batchNotReady: (status: string) =>
    DomainError.conflict('INSURANCE.BATCH_NOT_READY', `The batch is ${status}; its file exists once it is ready`, [{ field: 'id', reason: `is ${status}` }]),
  batchNotFailed: (status: string) =>
    DomainError.conflict('INSURANCE.BATCH_NOT_FAILED', `The batch is ${status}; only a failed batch is built again`, [{ field: 'id', reason: `is ${status}` }]),
  recordsNotFound: (recordIds: { index: number; recordId: string }[]) =>
    DomainError.notFound(
      'INSURANCE.RECORD_NOT_FOUND',
      `No record ${recordIds.map((r) => r.recordId).join(', ')} in this batch`,
      recordIds.map((r) => ({ field: `results.${r.index}.recordId`, reason: `no record ${r.recordId} in this batch` })),
    ),
  ackConflict: (conflicts: { index: number; recordId: string; was: string }[]) =>
    DomainError.conflict(
      'INSURANCE.ALREADY_ACKNOWLEDGED',
      `Already acknowledged differently: ${conflicts.map((c) => `${c.recordId} (${c.was})`).join(', ')}`,
      conflicts.map((c) => ({ field: `results.${c.index}.status`, reason: `record ${c.recordId} was already ${c.was}` })),
    ),
  ackInvalid: (index: number, field: string, reason: string) =>
    DomainError.invalid('INSURANCE.INVALID_ACKNOWLEDGEMENT', `results[${index}].${field} ${reason}`, [{ field: `results.${index}.${field}`, reason }]),
};
