/** Bounds that keep a hostile query from costing real time in the parser, matcher or FTS5. */
export const QUERY_LIMITS = {
  maxChars: 1000,
  maxTerms: 64,
  maxDepth: 8,
} as const;
