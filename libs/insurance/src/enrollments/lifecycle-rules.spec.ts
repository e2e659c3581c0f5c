import type { Enrollment } from './enrollment.repository';
import { endCover, resubmission, startCover } from './lifecycle-rules';
import { answerEffect } from '../batches/batch.service';

const enrollment = (over: Partial<Enrollment>): Enrollment => ({
  id: 'e1',
  memberId: 'm1',
  plan: 'group_accident',
  status: 'pending',
  pendingAction: 'add',
  certificateNo: null,
  coverageStart: '2026-03-01',
  coverageEnd: null,
  acquisitionReason: 'joined',
  lossReason: null,
  rejectCode: null,
  rejectMessage: null,
  reinstateOn: null,
  changedAt: new Date(),
  ...over,
});

describe('the enrolment lifecycle', () => {
  it('starts cover: a new enrolment, a reinstatement after termination, nothing while covered', () => {
    expect(startCover(undefined, '2026-03-01', 'joined')).toBe('create');
    expect(startCover(enrollment({ status: 'terminated', pendingAction: null, coverageEnd: '2026-04-30' }), '2026-06-01', 'back')).toEqual({
      status: 'pending',
      pendingAction: 'reinstate',
      coverageStart: '2026-06-01',
      coverageEnd: null,
      acquisitionReason: 'back',
      lossReason: null,
    });
    for (const status of ['pending', 'submitted', 'enrolled', 'rejected'] as const) expect(startCover(enrollment({ status }), '2026-06-01', 'x')).toBeNull();
  });

  it('adds again, not reinstates, a member the insurer never had', () => {
    const neverSent = enrollment({ status: 'terminated', pendingAction: null, coverageEnd: '2026-03-01' });
    expect(startCover(neverSent, '2026-03-05', 'back', false)).toMatchObject({ status: 'pending', pendingAction: 'add', coverageStart: '2026-03-05' });
  });

  it('withdraws a termination not yet sent when cover never lapsed; with a gap, reports both', () => {
    const unsent = enrollment({ status: 'terminating', pendingAction: 'terminate', certificateNo: 'C-1', coverageEnd: '2026-05-31' });
    expect(startCover(unsent, '2026-06-01', 'back')).toEqual({ status: 'enrolled', pendingAction: null, coverageEnd: null, lossReason: null });
    // Uncovered 1–19 June: the termination still goes out, the reinstatement after it.
    expect(startCover(unsent, '2026-06-20', 'back')).toEqual({ status: 'terminating', reinstateOn: '2026-06-20', acquisitionReason: 'back' });
    expect(endCover({ ...unsent, reinstateOn: '2026-06-20' }, '2026-06-25', 'again')).toEqual({ status: 'terminating', reinstateOn: null, lossReason: 'again' });
    const sent = enrollment({ status: 'terminating', pendingAction: null, coverageEnd: '2026-05-31' });
    expect(startCover(sent, '2026-06-01', 'back')).toMatchObject({ status: 'pending', pendingAction: 'reinstate' });
  });

  it('ends cover: reported when the insurer knows of it, dropped when it never did', () => {
    expect(endCover(enrollment({ status: 'enrolled', pendingAction: null }), '2026-05-31', 'left')).toEqual({
      status: 'terminating',
      pendingAction: 'terminate',
      coverageEnd: '2026-05-31',
      lossReason: 'left',
    });
    expect(endCover(enrollment({ status: 'pending', pendingAction: 'add' }), '2026-05-31', 'left')).toMatchObject({ status: 'terminated', pendingAction: null });
    expect(endCover(enrollment({ status: 'rejected', pendingAction: null }), '2026-05-31', 'left')).toMatchObject({ status: 'terminated' });
    expect(endCover(enrollment({ status: 'terminated', pendingAction: null }), '2026-05-31', 'left')).toBeNull();
    // Never before the first covered day.
    expect(endCover(enrollment({ status: 'submitted', pendingAction: null, coverageStart: '2026-06-10' }), '2026-06-09', 'same day')).toMatchObject({ coverageEnd: '2026-06-10' });
  });

  it('resubmits a rejection as the action that was rejected, and a correction as a change', () => {
    expect(resubmission(enrollment({ status: 'rejected', pendingAction: null, rejectCode: 'E1' }), 'add')).toEqual({ status: 'pending', pendingAction: 'add', rejectCode: null, rejectMessage: null });
    expect(resubmission(enrollment({ status: 'rejected', pendingAction: null }), 'terminate')).toMatchObject({ status: 'terminating', pendingAction: 'terminate' });
    expect(resubmission(enrollment({ status: 'enrolled', pendingAction: null, rejectCode: 'E2' }), null)).toEqual({
      status: 'enrolled',
      pendingAction: 'change',
      rejectCode: null,
      rejectMessage: null,
    });
    expect(resubmission(enrollment({ status: 'terminating', pendingAction: null, rejectCode: 'E3' }), null)).toMatchObject({ status: 'terminating', pendingAction: 'terminate' });
    expect(resubmission(enrollment({ status: 'submitted', pendingAction: null }), null)).toBeNull();
  });

  it('applies an insurer’s answer: accepted → enrolled or terminated, a refused addition → rejected', () => {
    const accepted = { status: 'accepted' as const, certificateNo: 'C-9', code: null, message: null };
    const rejected = { status: 'rejected' as const, certificateNo: null, code: 'E2', message: 'no' };
    expect(answerEffect('submitted', '021', accepted)).toEqual({ status: 'enrolled', certificateNo: 'C-9', rejectCode: null, rejectMessage: null });
    expect(answerEffect('terminating', '024', { ...accepted, certificateNo: null })).toEqual({ status: 'terminated', rejectCode: null, rejectMessage: null });
    expect(answerEffect('enrolled', '024', accepted)).toBeNull();
    // The insurer still holds a member whose change or termination it refused.
    expect(answerEffect('enrolled', '001', rejected)).toEqual({ status: 'enrolled', rejectCode: 'E2', rejectMessage: 'no' });
    expect(answerEffect('terminating', '024', rejected)).toEqual({ status: 'terminating', rejectCode: 'E2', rejectMessage: 'no' });
    // An audit answer only confirms.
    expect(answerEffect('enrolled', '030', rejected)).toBeNull();
    expect(answerEffect('submitted', '021', { status: 'rejected', certificateNo: null, code: 'E1', message: 'bad' })).toEqual({
      status: 'rejected',
      pendingAction: null,
      rejectCode: 'E1',
      rejectMessage: 'bad',
    });
    expect(answerEffect('terminated', '021', { status: 'rejected', certificateNo: null, code: 'E1', message: 'bad' })).toBeNull();
  });
});
