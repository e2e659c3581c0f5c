import type { Enrollment, EnrollmentChange, PendingAction } from './enrollment.repository';
import { addDays } from '../months';

/**
 * The enrolment lifecycle (SPEC §4) as pure decisions: given an enrolment as it stands,
 * what a start or an end of cover does to it. `null` means nothing to do.
 *
 *   pending → submitted → enrolled → terminating → terminated
 *   submitted → rejected (staff fix and resubmit)
 *
 * `pendingAction` is what the next delta batch tells the insurer; a change that was never
 * sent is withdrawn rather than reported (the insurer never knew of it).
 */

/**
 * Cover starts (activation, reinstatement, the monthly threshold). `undefined`: there is
 * no enrolment yet. `known`: the insurer has (had) the member, so a return is a
 * reinstatement (025) rather than an addition (021).
 */
export function startCover(current: Enrollment | undefined, firstDay: string, reason: string, known = true): EnrollmentChange | 'create' | null {
  if (!current) return 'create';
  const back = { coverageStart: firstDay, coverageEnd: null, acquisitionReason: reason, lossReason: null };
  switch (current.status) {
    case 'terminated':
      return { status: 'pending', pendingAction: known ? 'reinstate' : 'add', ...back };
    case 'terminating':
      if (current.pendingAction === 'terminate') {
        if (current.reinstateOn) return null;
        // Not sent yet and no gap: withdraw it, the insurer still has the member.
        if (current.coverageEnd && firstDay <= addDays(current.coverageEnd, 1)) {
          return { status: current.certificateNo ? 'enrolled' : 'submitted', pendingAction: null, coverageEnd: null, lossReason: null };
        }
        // A gap: the termination goes out, and the reinstatement after it.
        return { status: 'terminating', reinstateOn: firstDay, acquisitionReason: reason };
      }
      // Sent: report a reinstatement after it.
      return { status: 'pending', pendingAction: 'reinstate', ...back };
    default:
      // pending, submitted and enrolled are covered; a rejected one waits for staff.
      return null;
  }
}

/** Cover ends with `lastDay` (suspension, withdrawal, the monthly threshold). */
export function endCover(current: Enrollment, lastDay: string, reason: string): EnrollmentChange | null {
  // Never end before the cover began: a same-day end leaves one covered day at most.
  const end = current.coverageStart && lastDay < current.coverageStart ? current.coverageStart : lastDay;
  if (current.status === 'terminating' && current.reinstateOn) return { status: 'terminating', reinstateOn: null, lossReason: reason };
  switch (current.status) {
    case 'pending':
      // An addition or reinstatement the insurer never received: nothing to terminate there.
      return { status: 'terminated', pendingAction: null, coverageEnd: end, lossReason: reason };
    case 'rejected':
      return { status: 'terminated', pendingAction: null, coverageEnd: end, lossReason: reason };
    case 'submitted':
    case 'enrolled':
      return { status: 'terminating', pendingAction: 'terminate', coverageEnd: end, lossReason: reason };
    default:
      return null;
  }
}

/** Maintenance action of the record a rejected enrolment goes back out as. */
export function resubmission(current: Enrollment, rejectedAction: PendingAction | null): EnrollmentChange | null {
  if (current.status === 'rejected') {
    const action = rejectedAction ?? 'add';
    return {
      status: action === 'terminate' ? 'terminating' : 'pending',
      pendingAction: action,
      rejectCode: null,
      rejectMessage: null,
    };
  }
  // Corrected member details of an enrolled member go out as a change (001).
  if (current.status === 'enrolled') return { status: 'enrolled', pendingAction: 'change', rejectCode: null, rejectMessage: null };
  // A termination the insurer refused goes out again.
  if (current.status === 'terminating' && current.pendingAction === null && current.rejectCode) {
    return { status: 'terminating', pendingAction: 'terminate', rejectCode: null, rejectMessage: null };
  }
  return null;
}
