import { insurerOptions, isActiveBatch } from './api';

describe('console insurance helpers', () => {
  it('offers the listed insurers, or else those the batches name (once each, by name)', () => {
    expect(insurerOptions([{ id: 'a', name: '근로복지공단' }], [])).toEqual([{ value: 'a', label: '근로복지공단' }]);
    expect(
      insurerOptions(undefined, [
        { insurerId: 'b', insurerName: '한빛손해보험' },
        { insurerId: 'a', insurerName: '근로복지공단' },
        { insurerId: 'b', insurerName: '한빛손해보험' },
      ]),
    ).toEqual([
      { value: 'a', label: '근로복지공단' },
      { value: 'b', label: '한빛손해보험' },
    ]);
  });

  it('polls a batch only while it is on its way', () => {
    expect(['queued', 'building', 'ready', 'failed'].map((s) => isActiveBatch(s as never))).toEqual([true, true, false, false]);
  });
});
