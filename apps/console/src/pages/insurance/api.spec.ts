import { awaitingMonth, insurerOptions, isActiveBatch, type MonthSummary } from './api';

describe('console insurance helpers', () => {
  it('offers every listed insurer, and those the batches name that the list lacks (once each, by name)', () => {
    const batches = [
      { insurerId: 'b', insurerName: '한빛손해보험' },
      { insurerId: 'a', insurerName: '근로복지공단' },
      { insurerId: 'b', insurerName: '한빛손해보험' },
    ];
    expect(insurerOptions([{ id: 'c', name: '두레단체상해' }, { id: 'a', name: '근로복지공단' }], [])).toEqual([
      { value: 'a', label: '근로복지공단' },
      { value: 'c', label: '두레단체상해' },
    ]);
    expect(insurerOptions(undefined, batches)).toEqual([
      { value: 'a', label: '근로복지공단' },
      { value: 'b', label: '한빛손해보험' },
    ]);
    expect(insurerOptions([{ id: 'c', name: '두레단체상해' }], batches).map((o) => o.value)).toEqual(['a', 'c', 'b']);
  });

  it('polls a batch only while it is on its way', () => {
    expect(['queued', 'building', 'ready', 'failed'].map((s) => isActiveBatch(s as never))).toEqual([true, true, false, false]);
  });

  it('looks for a month’s summary until it arrives (or changes), for a while at most', () => {
    const row: MonthSummary = { plan: 'employment', members: 3, covered: 2, remunerationWon: 2_400_000, workerShareWon: 19_200, employerShareWon: 19_200 };
    const watch = { month: '2026-10', before: JSON.stringify([]), until: 1_000 };
    expect(awaitingMonth(null, '2026-10', [], 0)).toBe(false);
    expect(awaitingMonth(watch, '2026-10', [], 500)).toBe(true);
    expect(awaitingMonth(watch, '2026-10', undefined, 500)).toBe(true);
    expect(awaitingMonth(watch, '2026-10', [row], 500)).toBe(false);
    expect(awaitingMonth(watch, '2026-10', [], 1_000)).toBe(false);
    expect(awaitingMonth(watch, '2026-09', [], 500)).toBe(false);
    // Asked again for a month already computed: until something new is in it.
    const again = { ...watch, before: JSON.stringify([row]) };
    expect(awaitingMonth(again, '2026-10', [row], 500)).toBe(true);
    expect(awaitingMonth(again, '2026-10', [{ ...row, members: 4 }], 500)).toBe(false);
  });
});
