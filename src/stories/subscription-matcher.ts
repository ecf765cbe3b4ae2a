import type { Subscription } from "../db/subscription-queries.js";
import { parseQuery } from "../topics/query/parser.js";
import { matches } from "../topics/query/matcher.js";
import type { Query } from "../topics/query/ast.js";
import type { Story } from "./story.js";

export interface SubscriptionMatcher {
  /** Active subscriptions whose topic or query the story satisfies (before mode, mute and dedupe). */
  match(story: Story): Subscription[];
  size: number;
}

/** Topic subscriptions by slug for a direct lookup; query subscriptions are verified one by one. */
export function createSubscriptionMatcher(subscriptions: readonly Subscription[], onInvalid?: (sub: Subscription, error: string) => void): SubscriptionMatcher {
  const byTopic = new Map<string, Subscription[]>();
  const byQuery: Array<{ sub: Subscription; query: Query }> = [];
  for (const sub of subscriptions) {
    if (!sub.active) continue;
    if (sub.topicSlug !== null) {
      const list = byTopic.get(sub.topicSlug) ?? [];
      list.push(sub);
      byTopic.set(sub.topicSlug, list);
    } else if (sub.query !== null) {
      try {
        byQuery.push({ sub, query: parseQuery(sub.query) });
      } catch (error) {
        onInvalid?.(sub, error instanceof Error ? error.message : String(error));
      }
    }
  }
  return {
    size: subscriptions.length,
    match(story) {
      const found = story.topics.flatMap((slug) => byTopic.get(slug) ?? []);
      for (const { sub, query } of byQuery) if (matches(query, story, story.publishedAt)) found.push(sub);
      return found;
    },
  };
}
