/**
 * Maximum length of an input line of the decode command, in bytes without the line break.
 * Boot keyboard reports have 8 or 9 bytes and HID POS reports 64, which is at most 384
 * characters written as "0x02, " pairs. The bound still fits a 1024-byte report (the
 * largest high-speed USB interrupt packet) written as "02 " triples.
 */
export const MAX_LINE_LENGTH = 4096;

/** One input line (without LF or CR LF), or the length in bytes of a line that was too long. */
export type InputLine = { number: number; text: string } | { number: number; overLength: number };

/**
 * Splits a byte stream into numbered lines, keeping at most `maxLength` + 1 bytes of a line
 * in memory. The rest of an over-long line is counted and dropped up to its LF, so a huge
 * line without a break costs one chunk of memory and is reported once it ends. A final line
 * without LF is still returned. Each line is decoded as UTF-8, with U+FFFD for invalid bytes.
 */
export async function* readBoundedLines(
  source: AsyncIterable<Uint8Array | string>,
  maxLength = MAX_LINE_LENGTH,
): AsyncGenerator<InputLine> {
  const decoder = new TextDecoder('utf-8');
  let kept: Uint8Array[] = [];
  let keptLength = 0;
  let length = 0;
  let lastByte = -1;
  let number = 0;

  const finishLine = (): InputLine => {
    number += 1;

    const withoutCarriageReturn = lastByte === 0x0d ? length - 1 : length;
    const line: InputLine =
      withoutCarriageReturn > maxLength
        ? { number, overLength: withoutCarriageReturn }
        : {
            number,
            text: decoder.decode(join(kept, keptLength).subarray(0, withoutCarriageReturn)),
          };

    kept = [];
    keptLength = 0;
    length = 0;
    lastByte = -1;

    return line;
  };

  for await (const chunk of source) {
    const bytes = typeof chunk === 'string' ? new TextEncoder().encode(chunk) : chunk;
    let start = 0;

    while (start <= bytes.length) {
      const lineFeed = bytes.indexOf(0x0a, start);
      const end = lineFeed === -1 ? bytes.length : lineFeed;

      if (end > start) {
        const room = maxLength + 1 - keptLength;

        if (room > 0) {
          // A copy, so a kept piece never pins the whole chunk it came from.
          const piece = bytes.slice(start, Math.min(end, start + room));
          kept.push(piece);
          keptLength += piece.length;
        }

        length += end - start;
        lastByte = bytes[end - 1] ?? -1;
      }

      if (lineFeed === -1) {
        break;
      }

      yield finishLine();
      start = lineFeed + 1;
    }
  }

  if (length > 0) {
    yield finishLine();
  }
}

function join(parts: Uint8Array[], length: number): Uint8Array {
  const joined = new Uint8Array(length);
  let offset = 0;

  for (const part of parts) {
    joined.set(part, offset);
    offset += part.length;
  }

  return joined;
}
