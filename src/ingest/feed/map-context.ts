/** What every format mapper needs besides the parsed document. */
export interface MapContext {
  /** The URL the feed was fetched from: the outermost base for relative links. */
  feedUrl: string | undefined;
  /** Dates after this (plus a small tolerance) are clamped to it. */
  now: Date;
}

/** The first non-empty string among candidates (feeds put the same fact in several places). */
export function firstOf(...values: Array<string | undefined | null>): string | undefined {
  for (const v of values) if (v != null && v.trim() !== "") return v;
  return undefined;
}
