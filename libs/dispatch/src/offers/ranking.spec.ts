import { gini, rankCandidates } from './ranking';

describe('offer ranking', () => {
  const a = { memberId: 'a', distanceM: 500, earnedTodayWon: 120_000 };
  const b = { memberId: 'b', distanceM: 1500, earnedTodayWon: 0 };
  const c = { memberId: 'c', distanceM: 4000, earnedTodayWon: 0 };

  it('with no fairness weight is nearest first', () => {
    expect(rankCandidates([c, b, a], 5000, 0).map((x) => x.memberId)).toEqual(['a', 'b', 'c']);
  });

  it('puts a courier who earned less today ahead of a slightly nearer one who earned a lot', () => {
    expect(rankCandidates([a, b, c], 5000, 5_000).map((x) => x.memberId)).toEqual(['b', 'a', 'c']);
  });

  it('with earnings weighing as much as the whole radius, the top earner goes last', () => {
    expect(rankCandidates([a, b, c], 5000, 10_000).map((x) => x.memberId)).toEqual(['b', 'c', 'a']);
  });

  it('still prefers the nearer of two who earned the same', () => {
    expect(rankCandidates([c, b], 5000, 5_000).map((x) => x.memberId)).toEqual(['b', 'c']);
  });

  it('does not reorder the input array', () => {
    const input = [c, b, a];
    rankCandidates(input, 5000, 10_000);
    expect(input.map((x) => x.memberId)).toEqual(['c', 'b', 'a']);
  });
});

describe('gini', () => {
  it('is 0 for equal shares and approaches 1 when one takes all', () => {
    expect(gini([10, 10, 10, 10])).toBe(0);
    expect(gini([0, 0, 0, 100])).toBeCloseTo(0.75, 10);
    expect(gini([])).toBe(0);
    expect(gini([0, 0])).toBe(0);
  });

  it('matches a hand-computed case', () => {
    // Sorted 1,2,3,4: 2·(1+4+9+16)/(4·10) − 5/4 = 1.5 − 1.25 = 0.25
    expect(gini([4, 1, 3, 2])).toBeCloseTo(0.25, 10);
  });
});
