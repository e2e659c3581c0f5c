import { BATCH_STATUS_COLORS, ENROLLMENT_STATUSES, ENROLLMENT_STATUS_COLORS, ORDER_STATUSES, ORDER_STATUS_COLORS, RUN_STATUS_COLORS, isOneOf, statusColor } from './domain';

describe('console domain lists', () => {
  it('tells a known value from anything else', () => {
    expect(isOneOf(ORDER_STATUSES, 'picked_up')).toBe(true);
    expect(isOneOf(ORDER_STATUSES, 'lost')).toBe(false);
    expect(isOneOf(ORDER_STATUSES, null)).toBe(false);
  });

  it('gives every status of a kind a colour, and gray to one it does not know', () => {
    for (const s of ORDER_STATUSES) expect(statusColor(ORDER_STATUS_COLORS, s)).not.toBe('');
    for (const s of ENROLLMENT_STATUSES) expect(statusColor(ENROLLMENT_STATUS_COLORS, s)).not.toBe('');
    expect(statusColor(ORDER_STATUS_COLORS, 'teleported')).toBe('gray');
  });

  it('colours the same status the same way across kinds', () => {
    expect(RUN_STATUS_COLORS.queued).toBe(BATCH_STATUS_COLORS.queued);
    expect(RUN_STATUS_COLORS.failed).toBe(BATCH_STATUS_COLORS.failed);
    expect(ORDER_STATUS_COLORS.failed).toBe(RUN_STATUS_COLORS.failed);
    expect(ENROLLMENT_STATUS_COLORS.rejected).toBe('red');
  });
});
