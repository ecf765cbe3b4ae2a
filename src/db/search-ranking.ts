import type { Story } from "../stories/story.js";

export interface SearchHit {
  story: Story;
  /** Relevance blended with freshness: higher is better. */
  score: number;
}

// Only the newest matches are ranked: ranking every match of a common word over a million
// stories costs more than the user waits for (bm25 is about 5 µs a row), and with the freshness
// decay below, a story older than the newest few hundred matches cannot reach the first pages.
export const CANDIDATES = 600;
// A story loses half its relevance in this many hours (both engines decay alike).
export const HALF_LIFE_HOURS = 36;
