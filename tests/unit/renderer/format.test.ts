import { describe, expect, it } from 'vitest';

import { dayToIso, optional } from '../../../src/renderer/src/ui/dates';
import { formatAge, formatBytes, showControlCharacters } from '../../../src/renderer/src/ui/format';

describe('showControlCharacters', () => {
  it('names GS between GS1 fields', () => {
    expect(showControlCharacters('0109506000134352\x1d21ABC')).toBe('0109506000134352⟨GS⟩21ABC');
  });

  it('names CR and LF of a scanner terminator', () => {
    expect(showControlCharacters('SN1\r\n')).toBe('SN1⟨CR⟩⟨LF⟩');
  });

  it('shows other control characters as hex', () => {
    expect(showControlCharacters('A\x07B\x85')).toBe('A⟨0x07⟩B⟨0x85⟩');
  });

  it('leaves letters of any script alone', () => {
    expect(showControlCharacters('Serie-ÄÖ-Ж')).toBe('Serie-ÄÖ-Ж');
  });
});

describe('formatAge and formatBytes', () => {
  it('picks one unit for an age', () => {
    expect(formatAge(45_000)).toBe('45 s');
    expect(formatAge(12 * 60_000)).toBe('12 min');
    expect(formatAge(3 * 3_600_000)).toBe('3 h');
  });

  it('picks one unit for a size', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(14_540)).toBe('14.2 KiB');
    expect(formatBytes(3.1 * 1024 * 1024)).toBe('3.1 MiB');
  });
});

describe('dayToIso', () => {
  it('starts the day at local midnight', () => {
    const iso = dayToIso('2026-03-01');

    expect(iso).toBe(new Date(2026, 2, 1).toISOString());
  });

  it('ends the day at its last millisecond', () => {
    const iso = dayToIso('2026-03-01', true);

    expect(iso).toBe(new Date(2026, 2, 1, 23, 59, 59, 999).toISOString());
  });

  it('leaves an empty day out', () => {
    expect(dayToIso('')).toBeUndefined();
  });

  it('leaves a blank text filter out', () => {
    expect(optional('   ')).toBeUndefined();
    expect(optional(' SKU-1 ')).toBe('SKU-1');
  });
});
