// One formatter for every timestamp: creating the Intl object is the expensive part, and a
// long order renders hundreds of times per view.
const timeFormat = new Intl.DateTimeFormat(undefined, {
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** Formats an ISO time as local date and time with seconds, as people read it at the bench. */
export function formatTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;

  return timeFormat.format(date);
}

/** A duration in words with one unit, e.g. "45 s", "12 min", "3 h". */
export function formatAge(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 90) return `${seconds} s`;

  const minutes = Math.round(seconds / 60);
  if (minutes < 90) return `${minutes} min`;

  return `${Math.round(minutes / 60)} h`;
}

/** Byte counts for progress lines: "512 B", "14.2 KiB", "3.1 MiB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;

  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}

/**
 * Makes control characters in scanned text visible, e.g. GS as ⟨GS⟩, so diagnostics and
 * error messages show what the scanner really sent.
 */
export function showControlCharacters(text: string): string {
  let shown = '';
  for (const character of text) {
    const code = character.codePointAt(0) ?? 0;
    const name = controlNames[code];
    if (name !== undefined) shown += `⟨${name}⟩`;
    else if (code < 0x20 || (code >= 0x7f && code <= 0x9f))
      shown += `⟨0x${code.toString(16).padStart(2, '0')}⟩`;
    else shown += character;
  }

  return shown;
}

const controlNames: Record<number, string> = {
  0x04: 'EOT',
  0x09: 'TAB',
  0x0a: 'LF',
  0x0d: 'CR',
  0x1b: 'ESC',
  0x1d: 'GS',
  0x1e: 'RS',
};
