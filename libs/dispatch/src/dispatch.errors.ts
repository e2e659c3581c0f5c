import { DomainError, ErrorDetail } from '@dure/common';

/** Coded errors of the dispatch domain. Codes are part of the API: never rename one. */
export const DispatchErrors = {
  orderNotFound: (id: string) =>
    DomainError.notFound('DISPATCH.ORDER_NOT_FOUND', `Order ${id} was not found`, [{ field: 'id', reason: 'no such order' }]),
  invalidTransition: (from: string, action: string) =>
    DomainError.conflict('DISPATCH.INVALID_TRANSITION', `An order that is ${from} cannot be ${action}`, [
      { field: 'status', reason: `is ${from}` },
    ]),
  alreadyAssigned: () =>
    DomainError.conflict('DISPATCH.ALREADY_ASSIGNED', 'Another courier already has this job', [{ field: 'id', reason: 'already assigned' }]),
  noOffer: () =>
    DomainError.conflict('DISPATCH.NO_OFFER', 'This job is not on offer to you (it may have timed out)', [{ field: 'id', reason: 'no live offer' }]),
  notOpenToCouriers: () =>
    DomainError.conflict('DISPATCH.DISPATCHER_ONLY', 'A dispatcher assigns this job', [{ field: 'id', reason: 'manual dispatch' }]),
  vehicleMismatch: (needed: string, has: string) =>
    DomainError.conflict('DISPATCH.VEHICLE_MISMATCH', `This job needs a ${needed}; the courier drives a ${has}`, [
      { field: 'vehicleType', reason: `needs ${needed}` },
    ]),
  courierNotActive: (status: string) =>
    DomainError.conflict('DISPATCH.COURIER_NOT_ACTIVE', `A member who is ${status} cannot take work`, [{ field: 'memberId', reason: `is ${status}` }]),
  courierNotCovered: () =>
    DomainError.conflict('DISPATCH.COURIER_NOT_COVERED', 'The courier has no accident cover and cannot take work', [
      { field: 'memberId', reason: 'cover rejected or ended' },
    ]),
  memberNotFound: (id: string) =>
    DomainError.notFound('DISPATCH.COURIER_NOT_FOUND', `Member ${id} was not found`, [{ field: 'memberId', reason: 'no such member' }]),
  eventIdReused: () =>
    DomainError.conflict('DISPATCH.EVENT_ID_REUSED', 'This eventId was already used for another action on this job', [
      { field: 'eventId', reason: 'already used' },
    ]),
  creditAccountRequired: () =>
    DomainError.invalid('DISPATCH.CREDIT_ACCOUNT_REQUIRED', 'Credit orders need a client with a credit account', [
      { field: 'clientId', reason: 'must be a client with a credit account' },
    ]),
  clientNotFound: (id: string) =>
    DomainError.invalid('DISPATCH.CLIENT_NOT_FOUND', `Client ${id} does not exist`, [{ field: 'clientId', reason: 'no such client' }]),
  invalid: (code: string, message: string, details: ErrorDetail[]) => DomainError.invalid(code, message, details),
  noPricing: () =>
    DomainError.conflict('DISPATCH.NO_PRICING_RULES', 'No pricing rule set is in force at that time', [{ field: 'at', reason: 'before any rule set' }]),
  pricingDateTaken: () =>
    DomainError.conflict('DISPATCH.PRICING_DATE_TAKEN', 'A rule set already starts at that moment', [{ field: 'effectiveFrom', reason: 'taken' }]),
  tooFar: (distanceM: number, radiusM: number) =>
    DomainError.conflict('DISPATCH.TOO_FAR', `The pickup is ${distanceM} m away; jobs within ${radiusM} m can be taken`, [
      { field: 'id', reason: `pickup beyond ${radiusM} m` },
    ]),
  notOnline: () =>
    DomainError.conflict('DISPATCH.NOT_ONLINE', 'Go online before taking jobs', [{ field: 'online', reason: 'is false' }]),
};
