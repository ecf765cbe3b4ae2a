import type { Field } from "./query/ast.js";
import { indexStory } from "./query/indexed-story.js";
import type { SearchableFields } from "./query/search-document.js";
import { PREFIX_KEY_LENGTH, type IndexKey, type KeyCost } from "./required-terms.js";

const FIELDS: readonly Field[] = ["body", "title", "source", "section", "topic"];

/**
 * Counts, over a sample of recent stories, how many contain each percolator key. Passed to
 * createPercolator, it files each query under the term that is actually rarest in the news
 * rather than the one that looks rarest; a key never seen counts as rarest of all.
 */
export function keyFrequencyFromSample(stories: Iterable<SearchableFields>): KeyCost {
  const counts = new Map<string, number>();
  const seen = new Set<string>();
  for (const story of stories) {
    const indexed = indexStory(story);
    seen.clear();
    for (const field of FIELDS) {
      for (const token of indexed[field].positions.keys()) {
        seen.add(keyName({ kind: "token", field, value: token }));
        const longest = Math.min(PREFIX_KEY_LENGTH, token.length);
        for (let length = 1; length <= longest; length += 1) seen.add(keyName({ kind: "prefix", field, value: token.slice(0, length) }));
      }
    }
    for (const key of seen) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return (key) => counts.get(keyName(key)) ?? 0;
}

function keyName(key: IndexKey): string {
  return `${key.kind === "token" ? "t" : "p"}${key.field}:${key.value}`;
}
