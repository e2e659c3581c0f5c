import { progressKey } from './polling';

describe('progressKey', () => {
  const active = (s: string) => s === 'queued' || s === 'running';

  it('is empty when nothing is on its way', () => {
    expect(progressKey([], active)).toBe('');
    expect(progressKey([{ id: 'a', status: 'done', progress: 100 }], active)).toBe('');
  });

  it('moves with the status and progress of what is on its way, and only with those', () => {
    const queued = progressKey([{ id: 'a', status: 'queued', progress: 0 }, { id: 'b', status: 'done', progress: 100 }], active);
    expect(queued).not.toBe('');
    expect(progressKey([{ id: 'a', status: 'queued', progress: 0 }, { id: 'b', status: 'failed', progress: 40 }], active)).toBe(queued);
    expect(progressKey([{ id: 'a', status: 'running', progress: 0 }], active)).not.toBe(queued);
    expect(progressKey([{ id: 'a', status: 'running', progress: 10 }], active)).not.toBe(progressKey([{ id: 'a', status: 'running', progress: 0 }], active));
    expect(progressKey([{ id: 'a', status: 'queued' }], active)).toBe('a:queued:');
  });
});
