import { useEffect, useState } from 'react';

/** How often something on its way (a settlement run, an insurance batch) is asked for its progress. */
export const POLL_MS = 1500;

/** How long polling goes on without any progress before it stops and leaves the refresh to the user. */
export const STALL_MS = 3 * 60_000;

/**
 * What moves while things are on their way: the id, status and progress of each one still
 * active, or '' when none is (nothing to wait for).
 */
export function progressKey(items: readonly { id: string; status: string; progress?: number }[], isActive: (status: string) => boolean): string {
  return items
    .filter((i) => isActive(i.status))
    .map((i) => `${i.id}:${i.status}:${i.progress ?? ''}`)
    .join(',');
}

/**
 * Asks again every POLL_MS while `progress` (see progressKey) says something is on its way,
 * in a visible tab. When it has not moved for `stallMs`, polling stops and `stalled` says so,
 * until `resume` is called or the progress moves (a refresh that finds it changed).
 */
export function useProgressPolling(progress: string, refetch: () => unknown, stallMs = STALL_MS): { stalled: boolean; resume: () => void } {
  // The progress polling gave up at.
  const [gaveUpAt, setGaveUpAt] = useState<string | null>(null);
  const stalled = progress !== '' && gaveUpAt === progress;
  useEffect(() => {
    if (progress === '' || stalled) return;
    const poll = setInterval(() => {
      if (!document.hidden) void refetch();
    }, POLL_MS);
    // Restarted by every change of the progress: it counts the time since the last one.
    const giveUp = setTimeout(() => setGaveUpAt(progress), stallMs);
    return () => {
      clearInterval(poll);
      clearTimeout(giveUp);
    };
  }, [progress, stalled, refetch, stallMs]);
  return {
    stalled,
    resume: () => {
      setGaveUpAt(null);
      void refetch();
    },
  };
}
