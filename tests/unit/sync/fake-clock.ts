import type { Clock } from '../../../src/main/sync';

/** Creates a clock whose timers run only when a test fires them. */
export function fakeTimerClock(start = Date.parse('2026-03-02T08:00:00Z')) {
  let current = start;
  let nextId = 1;
  const timers = new Map<number, { callback: () => void; ms: number }>();

  const clock: Clock = {
    now: () => current,
    setTimeout: (callback, ms) => {
      const id = nextId;
      nextId += 1;
      timers.set(id, { callback, ms });
      return id;
    },
    clearTimeout: (handle) => {
      timers.delete(handle as number);
    },
  };

  return {
    clock,
    /** Delays of the timers not yet fired, in the order they were set. */
    pendingDelays: () => [...timers.values()].map((timer) => timer.ms),
    /** Advances time to the first timer and runs it. */
    fireNext() {
      const first = timers.entries().next();
      if (first.done === true) {
        throw new Error('no timer is pending');
      }

      const [id, timer] = first.value;
      timers.delete(id);
      current += timer.ms;
      timer.callback();
    },
  };
}
