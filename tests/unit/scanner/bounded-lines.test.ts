import { describe, expect, it } from 'vitest';

import type { InputLine } from '../../../src/main/scanner/bounded-lines';
import { readBoundedLines } from '../../../src/main/scanner/bounded-lines';

async function collect(chunks: Iterable<Uint8Array | string>, maxLength = 8): Promise<InputLine[]> {
  const lines: InputLine[] = [];

  for await (const line of readBoundedLines(toAsync(chunks), maxLength)) {
    lines.push(line);
  }

  return lines;
}

async function* toAsync<T>(items: Iterable<T>): AsyncGenerator<T> {
  for (const item of items) {
    yield await Promise.resolve(item);
  }
}

describe('readBoundedLines', () => {
  it('splits LF and CR LF lines and keeps a last line without LF', async () => {
    expect(await collect(['ab\r\ncd\n', '\nef'])).toEqual([
      { number: 1, text: 'ab' },
      { number: 2, text: 'cd' },
      { number: 3, text: '' },
      { number: 4, text: 'ef' },
    ]);
  });

  it('joins a line split across chunks', async () => {
    const bytes = new TextEncoder().encode('x€y\n');

    expect(await collect([bytes.subarray(0, 2), bytes.subarray(2, 3), bytes.subarray(3)])).toEqual([
      { number: 1, text: 'x€y' },
    ]);
  });

  it('keeps a line of exactly the maximum length', async () => {
    expect(await collect(['12345678\r\n'])).toEqual([{ number: 1, text: '12345678' }]);
  });

  it('reports an over-long line by length and reads on', async () => {
    expect(await collect(['1234', '56789', '0\nok\n'])).toEqual([
      { number: 1, overLength: 10 },
      { number: 2, text: 'ok' },
    ]);
  });

  it('counts a 50 MiB line without LF from repeated chunks', async () => {
    const chunk = new Uint8Array(64 * 1024).fill(0x30);
    const chunks = Array.from({ length: 800 }, () => chunk);

    expect(await collect(chunks, 4096)).toEqual([{ number: 1, overLength: 50 * 1024 * 1024 }]);
  });
});
