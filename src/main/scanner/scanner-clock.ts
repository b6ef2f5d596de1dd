/** The clocks and timers the scanner layer uses, so tests can pass a manual clock. */
export interface ScannerClock {
  /** Monotonic milliseconds, for timeouts. */
  now(): number;
  /** Wall-clock time, for the Scan's `time`. */
  date(): Date;
  setTimeout(callback: () => void, delayMs: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: ScannerClock = {
  now: () => performance.now(),
  date: () => new Date(),
  setTimeout: (callback, delayMs) => setTimeout(callback, delayMs),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};
