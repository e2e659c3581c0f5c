import { setTimeout as sleep } from 'node:timers/promises';
import { mapLimit } from './concurrency';

describe('mapLimit', () => {
  it('keeps the input order and passes each index', async () => {
    const out = await mapLimit([30, 10, 20, 0], 2, async (ms, i) => {
      await sleep(ms);
      return `${i}:${ms}`;
    });
    expect(out).toEqual(['0:30', '1:10', '2:20', '3:0']);
  });

  it('never runs more than `limit` at a time, yet runs them all', async () => {
    let running = 0;
    let peak = 0;
    const out = await mapLimit(Array.from({ length: 20 }, (_, i) => i), 3, async (i) => {
      running++;
      peak = Math.max(peak, running);
      await sleep(1);
      running--;
      return i * 2;
    });
    expect(peak).toBe(3);
    expect(out).toEqual(Array.from({ length: 20 }, (_, i) => i * 2));
  });

  it('returns an empty array for no items', async () => {
    await expect(mapLimit([], 4, async () => 1)).resolves.toEqual([]);
  });
});
