import { seededRandom } from './random';

describe('seededRandom', () => {
  it('gives the same sequence for the same seed, and another for another seed', () => {
    const a = seededRandom(20200901);
    const b = seededRandom(20200901);
    const first = Array.from({ length: 100 }, () => a());
    expect(Array.from({ length: 100 }, () => b())).toEqual(first);
    const c = seededRandom(20200902);
    expect(Array.from({ length: 100 }, () => c())).not.toEqual(first);
  });

  it('keeps the mulberry32 sequence, so seeded figures do not change', () => {
    const r = seededRandom(42);
    expect([r(), r(), r()]).toEqual([0.6011037519201636, 0.44829055899754167, 0.8524657934904099]);
  });

  it('yields numbers in [0, 1)', () => {
    for (const seed of [0, 1, 42, 2 ** 32 - 1, -7]) {
      const r = seededRandom(seed);
      for (let i = 0; i < 10_000; i++) {
        const x = r();
        expect(x >= 0 && x < 1).toBe(true);
      }
    }
  });
});
