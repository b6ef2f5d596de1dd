import { expect } from 'vitest';

/**
 * Polls `read` until its assertion passes, for up to 15 s: a scan goes through the
 * wedge, main, the store and back to the page, which takes longer on a busy machine than
 * the one second `expect.poll` waits by default.
 */
export function eventually<T>(read: () => T | Promise<T>, timeout = 15_000) {
  return expect.poll(read, { timeout, interval: 100 });
}
