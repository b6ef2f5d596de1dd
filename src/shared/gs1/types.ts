export interface Gs1Element {
  ai: string;
  /** The data after the AI, exactly as encoded. */
  value: string;
  /** ISO date (`YYYY-MM-DD`) or date-time for date AIs, with the century resolved. */
  date?: string;
  /** The number a 31nn–36nn measure stands for, with its decimal places applied. */
  measure?: number;
}

export interface Gs1Message {
  /** `raw` for FNC1/GS-separated data, `bracketed` for the human-readable `(01)…` form. */
  form: 'raw' | 'bracketed';
  /** The AIM symbology identifier that came with the scan, e.g. `]d2`, or null. */
  aim: string | null;
  /** Elements in the order they appear. */
  elements: Gs1Element[];
  /** AI → value, for lookups such as `values['10']`. */
  values: Record<string, string>;
  /** AI (01), the GTIN-14 to match against the catalog. */
  gtin?: string;
  /** AI (21), the serial to fill in at the prompt. */
  serial?: string;
  /** AI (10), the batch or lot number. */
  lot?: string;
  /** AI (17) as an ISO date. */
  expiry?: string;
}

export interface Gs1ParseOptions {
  /** Clock for the two-digit-year century rule; the current time when omitted. */
  now?: Date;
  /** Read U+241D (the visible GS symbol) as GS. On unless set to false. */
  symbolForGsIsGs?: boolean;
  /**
   * Read `]` as GS, for scanners that drop the Ctrl of Ctrl+]. Off by default, because `]`
   * is otherwise ordinary data; turn it on only for a scanner profile that is known to do this.
   */
  closingBracketIsGs?: boolean;
  /** Further characters the scanner sends as GS, e.g. a private-use code point. */
  extraSeparators?: readonly string[];
}
