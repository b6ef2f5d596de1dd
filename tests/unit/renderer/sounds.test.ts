import { describe, expect, it } from 'vitest';

import { sounds } from '../../../src/renderer/src/audio/sounds';
import type { Tone } from '../../../src/renderer/src/audio/sounds';

const length = (tones: Tone[]) => Math.max(...tones.map((tone) => tone.start + tone.duration));
const lowest = (tones: Tone[]) => Math.min(...tones.map((tone) => tone.frequency));

describe('feedback sounds', () => {
  it('makes the error sound longer than success', () => {
    expect(length(sounds.error)).toBeGreaterThan(2 * length(sounds.success));
  });

  it('makes the error sound lower than success', () => {
    expect(lowest(sounds.error) * 2).toBeLessThan(lowest(sounds.success));
  });

  it('gives the error sound a different waveform', () => {
    const errorWaves = new Set(sounds.error.map((tone) => tone.wave));
    const successWaves = new Set(sounds.success.map((tone) => tone.wave));

    expect([...errorWaves].some((wave) => successWaves.has(wave))).toBe(false);
  });

  it('keeps every tone audible and short', () => {
    for (const tone of Object.values(sounds).flat()) {
      expect(tone.frequency).toBeGreaterThanOrEqual(100);
      expect(tone.frequency).toBeLessThanOrEqual(4000);
      expect(tone.duration).toBeGreaterThan(0.03);
    }
    expect(length(sounds.error)).toBeLessThan(1);
  });
});
