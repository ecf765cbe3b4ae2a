import type { Field } from "./query/ast.js";
import { indexStory } from "./query/indexed-story.js";
import type { SearchableFields } from "./query/search-document.js";
import type { KeyCost } from "./required-terms.js";

const FIELDS: readonly Field[] = ["body", "title", "source", "section", "topic"];

/** One field's tokens in sorted order with running totals of their story counts. */
interface FieldCounts {
  counts: Map<string, number>;
  sorted: string[];
  /** runningTotal[i] = sum of counts of sorted[0..i-1]. */
  runningTotal: number[];
}

/**
 * Counts, over a sample of recent stories, how many contain each token. Passed to
 * createPercolator, it files each query under the term that is actually rarest in the news
 * rather than the one that looks rarest. A prefix costs the summed counts of the tokens it
 * starts (an upper bound); a key never seen costs 0.
 */
export function keyFrequencyFromSample(stories: Iterable<SearchableFields>): KeyCost {
  const byField = new Map<Field, Map<string, number>>(FIELDS.map((field) => [field, new Map()]));
  for (const story of stories) {
    const indexed = indexStory(story);
    for (const field of FIELDS) {
      const counts = byField.get(field) as Map<string, number>;
      for (const token of indexed[field].firstAt.keys()) counts.set(token, (counts.get(token) ?? 0) + 1);
    }
  }
  const fields = new Map<Field, FieldCounts>();
  for (const [field, counts] of byField) {
    const sorted = [...counts.keys()].sort();
    const runningTotal = [0];
    for (const token of sorted) runningTotal.push((runningTotal.at(-1) ?? 0) + (counts.get(token) ?? 0));
    fields.set(field, { counts, sorted, runningTotal });
  }
  return (key) => {
    const field = fields.get(key.field) as FieldCounts;
    if (key.kind === "token") return field.counts.get(key.value) ?? 0;
    const from = lowerBound(field.sorted, key.value);
    // Every token starting with the prefix sorts before the prefix followed by the highest code unit.
    const to = lowerBound(field.sorted, `${key.value}\uffff`);
    return (field.runningTotal[to] ?? 0) - (field.runningTotal[from] ?? 0);
  };
}

function lowerBound(sorted: readonly string[], value: string): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((sorted[middle] ?? "") < value) low = middle + 1;
    else high = middle;
  }
  return low;
}
