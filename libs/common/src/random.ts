/**
 * A seeded pseudo-random generator (mulberry32): small, fast, good enough for simulations
 * and generated test data, and repeatable: the same seed always gives the same sequence,
 * so seeded figures stay the same from run to run. Not for anything secret.
 *
 * Returns a function that yields the next number in [0, 1) on each call.
 */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
