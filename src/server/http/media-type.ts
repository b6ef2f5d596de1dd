/** Returns the media type of a Content-Type header, lower-cased and without parameters. */
export function mediaTypeOf(header: string | undefined): string {
  return String(header ?? '')
    .split(';')[0]!
    .trim()
    .toLowerCase();
}

/**
 * Picks the offered media type the Accept header prefers: the highest q-value wins, a
 * tie goes to the earlier offer, and `q=0` excludes a type. Media types compare without
 * regard to case. Returns the first offer when the header is absent or matches nothing.
 */
export function preferredMediaType(accept: string | undefined, offers: string[]): string {
  const fallback = offers[0]!;
  if (accept === undefined || accept.trim() === '') return fallback;

  let best: { offer: string; quality: number; rank: number } | null = null;
  for (const range of accept.split(',')) {
    const [rawType, ...parameters] = range.split(';');
    const type = rawType!.trim().toLowerCase();
    const quality = qualityOf(parameters);
    if (quality <= 0) continue;

    offers.forEach((offer, rank) => {
      if (!matches(type, offer)) return;
      if (
        best === null ||
        quality > best.quality ||
        (quality === best.quality && rank < best.rank)
      ) {
        best = { offer, quality, rank };
      }
    });
  }
  return (best as { offer: string } | null)?.offer ?? fallback;
}

function qualityOf(parameters: string[]): number {
  for (const parameter of parameters) {
    const [name, value] = parameter.split('=');
    if (name?.trim().toLowerCase() !== 'q') continue;
    const quality = Number(value?.trim());
    return Number.isFinite(quality) ? Math.min(Math.max(quality, 0), 1) : 1;
  }
  return 1;
}

function matches(range: string, offer: string): boolean {
  if (range === '*/*') return true;
  const [rangeType, rangeSubtype] = range.split('/');
  const [offerType] = offer.split('/');
  if (rangeSubtype === '*') return rangeType === offerType;
  return range === offer;
}
