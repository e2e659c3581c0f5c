import { formatRoadFactor, formatSurcharge, ruleSetRates } from './model';

describe('settings: a rule set as the office reads it', () => {
  it('shows the road factor as a multiplier, every digit kept', () => {
    expect(formatRoadFactor(13_000)).toBe('×1.3');
    expect(formatRoadFactor(13_500)).toBe('×1.35');
    expect(formatRoadFactor(10_000)).toBe('×1');
    expect(formatRoadFactor(12_345)).toBe('×1.2345');
    expect(formatRoadFactor(20_000)).toBe('×2');
  });

  it('shows surcharges as what they add', () => {
    expect(formatSurcharge(5_000)).toBe('+50%');
    expect(formatSurcharge(0)).toBe('+0%');
    expect(formatSurcharge(2_740)).toBe('+27.4%');
  });

  it('lists the rates in the card’s order with their labels', () => {
    expect(ruleSetRates({ roadFactorBps: 13_000, expressSurchargeBps: 5_000, nightSurchargeBps: 2_000, weekendSurchargeBps: 1_000 })).toEqual([
      { key: 'roadFactorBps', label: 'roadFactor', value: '×1.3' },
      { key: 'expressSurchargeBps', label: 'express', value: '+50%' },
      { key: 'nightSurchargeBps', label: 'night', value: '+20%' },
      { key: 'weekendSurchargeBps', label: 'weekend', value: '+10%' },
    ]);
  });
});
