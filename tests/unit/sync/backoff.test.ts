import { describe, expect, it } from 'vitest';

import { retryDelayMs } from '../../../src/main/sync';
import { fixFor } from '../../../src/main/sync';

const policy = { baseMs: 1_000, maxMs: 60_000 };

describe('retryDelayMs', () => {
  it('doubles the bound per attempt', () => {
    const bounds = [1, 2, 3, 4, 5].map((attempt) => retryDelayMs(attempt, policy, () => 0.999_999));

    expect(bounds).toEqual([999, 1_999, 3_999, 7_999, 15_999]);
  });

  it('caps the bound at maxMs', () => {
    expect(retryDelayMs(7, policy, () => 0.5)).toBe(30_000);
    expect(retryDelayMs(1_000, policy, () => 0.5)).toBe(30_000);
  });

  it('draws from zero for full jitter', () => {
    expect(retryDelayMs(6, policy, () => 0)).toBe(0);
    expect(retryDelayMs(6, policy, () => 0.25)).toBe(8_000);
  });

  it('rejects attempt numbers below one', () => {
    expect(() => retryDelayMs(0, policy, Math.random)).toThrow(/attempt must be a whole number/);
    expect(() => retryDelayMs(1.5, policy, Math.random)).toThrow(RangeError);
  });
});

describe('fixFor', () => {
  it('names the action for a lost claim race', () => {
    expect(fixFor('order_claimed_by_other_station')).toMatch(/Another station is packing/);
  });

  it('falls back to a general fix for unknown codes', () => {
    expect(fixFor('something_new')).toMatch(/correct the order on this station/);
  });
});
