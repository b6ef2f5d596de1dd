/** Exponential backoff with full jitter, for retrying uploads and pulls. */

export interface BackoffPolicy {
  /** Upper bound of the first retry's delay, in milliseconds. */
  baseMs: number;
  /** Upper bound of any delay, in milliseconds; the exponential growth stops here. */
  maxMs: number;
}

/** Defaults: 1 s, 2 s, 4 s, ... up to 60 s, each drawn uniformly from zero to that bound. */
export const defaultBackoff: BackoffPolicy = { baseMs: 1_000, maxMs: 60_000 };

/**
 * Returns the delay before retry `attempt` (1 for the first retry): a uniform draw from
 * `[0, min(maxMs, baseMs * 2^(attempt - 1)))`. The full jitter spreads the retries of many
 * stations that lost the server at the same moment. `random` returns a number in [0, 1).
 */
export function retryDelayMs(attempt: number, policy: BackoffPolicy, random: () => number): number {
  if (!Number.isInteger(attempt) || attempt < 1) {
    throw new RangeError(`attempt must be a whole number from 1, not ${attempt}`);
  }

  const exponent = Math.min(attempt - 1, 52);
  const bound = Math.min(policy.maxMs, policy.baseMs * 2 ** exponent);
  return Math.floor(random() * bound);
}
