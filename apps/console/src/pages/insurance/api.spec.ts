import { insurerOptions, isActiveBatch } from './api';

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
});
