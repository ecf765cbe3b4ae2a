import type { Subscription } from "../db/subscription-queries.js";
import { keyFrequencyFromSample } from "../topics/key-frequency.js";
import { createPercolator } from "../topics/percolator.js";
import type { SearchableFields } from "../topics/query/search-document.js";
import { parseQuery } from "../topics/query/parser.js";
import type { Story } from "./story.js";

export interface SubscriptionMatcher {
  /** Active subscriptions whose topic or query the story satisfies (before mode, mute and dedupe). */
  match(story: Story): Subscription[];
  size: number;
}

/**
 * Topic subscriptions by slug (a story carries its topics); query subscriptions go through the
 * percolator, which verifies only the queries filed under terms the story contains.
 */
export function createSubscriptionMatcher(
  subscriptions: readonly Subscription[],
  onInvalid?: (sub: Subscription, error: string) => void,
  /** Recent stories: each query is filed under its rarest term in them (speed only, never answers). */
  sample: readonly SearchableFields[] = [],
): SubscriptionMatcher {
  const byTopic = new Map<string, Subscription[]>();
  const percolator = createPercolator<Subscription>(sample.length > 0 ? { keyCost: keyFrequencyFromSample(sample) } : {});
  for (const sub of subscriptions) {
    if (!sub.active) continue;
    if (sub.topicSlug !== null) {
      const list = byTopic.get(sub.topicSlug) ?? [];
      list.push(sub);
      byTopic.set(sub.topicSlug, list);
    } else if (sub.query !== null) {
      try {
        percolator.add(sub, parseQuery(sub.query));
      } catch (error) {
        onInvalid?.(sub, error instanceof Error ? error.message : String(error));
      }
    }
  }
  return {
    size: subscriptions.length,
    match(story) {
      const found = story.topics.flatMap((slug) => byTopic.get(slug) ?? []);
      for (const subscribers of percolator.matchGroups(story, story.publishedAt)) {
        for (const sub of subscribers) found.push(sub);
      }
      return found;
    },
  };
}
