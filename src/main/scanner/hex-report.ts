import { escapeText } from '../../shared/text/plain-text';

/**
 * Parses one HID report written as hex bytes: pairs separated by spaces, commas or "|",
 * optionally with a 0x prefix ("02 38 5d", "0x02,0x38", "02385d"). Returns null for a
 * blank line or a "#" comment, and throws an Error naming the first invalid token, escaped
 * and cut to 40 characters.
 */
export function parseHexReport(line: string): Uint8Array | null {
  const trimmed = line.trim();

  if (trimmed === '' || trimmed.startsWith('#')) {
    return null;
  }

  const tokens = trimmed.split(/[\s,|]+/).filter((token) => token !== '');
  const bytes: number[] = [];

  for (const token of tokens) {
    const digits = token.replace(/^0x/i, '');

    if (!/^(?:[0-9a-f]{2})+$/i.test(digits)) {
      throw new Error(
        `"${escapeText(token, 40)}" is not a hex byte; write each byte as two hex digits`,
      );
    }

    for (let index = 0; index < digits.length; index += 2) {
      bytes.push(Number.parseInt(digits.slice(index, index + 2), 16));
    }
  }

  return Uint8Array.from(bytes);
}

/** Formats bytes as space-separated lower-case hex pairs. */
export function formatHex(bytes: Uint8Array): string {
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join(' ');
}
