import type { Subscription } from "../../db/subscription-queries.js";
import type { Topic } from "../../topics/topic.js";

export interface Choice {
  name: string;
  value: string;
}

/** Discord shows at most 25 suggestions and refuses more. */
export const MAX_CHOICES = 25;
const CHOICE_TEXT_MAX = 100;

const clip = (text: string) => (text.length <= CHOICE_TEXT_MAX ? text : text.slice(0, CHOICE_TEXT_MAX - 1) + "…");
const fold = (text: string) => text.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase().trim();

/** 0 when a word starts with what was typed, 1 when it appears anywhere, null when it does not. */
function rank(typed: string, ...texts: string[]): number | null {
  if (typed === "") return 0;
  const folded = texts.map(fold);
  if (folded.some((t) => t.startsWith(typed) || t.split(/[\s\-_]+/).some((word) => word.startsWith(typed)))) return 0;
  return folded.some((t) => t.includes(typed)) ? 1 : null;
}

function best<T>(items: readonly T[], typed: string, texts: (item: T) => string[]): T[] {
  const wanted = fold(typed);
  return items
    .map((item, index) => ({ item, index, rank: rank(wanted, ...texts(item)) }))
    .filter((x): x is { item: T; index: number; rank: number } => x.rank !== null)
    .sort((a, b) => a.rank - b.rank || a.index - b.index)
    .map((x) => x.item);
}

/** Topics whose slug or label matches what was typed, prefix matches first, catalog order within. */
export function topicChoices(topics: readonly Topic[], typed: string): Choice[] {
  return best(topics, typed, (t) => [t.slug, t.label])
    .slice(0, MAX_CHOICES)
    .map((t) => ({ name: clip(`${t.label} (${t.slug})`), value: t.slug }));
}

/** What the channel follows (a query by its #id, which /unsubscribe accepts), then "all". */
export function subscriptionChoices(subscriptions: readonly Subscription[], typed: string): Choice[] {
  const choices = best(subscriptions, typed, (s) => [s.topicSlug ?? s.query ?? ""]).map((s) => ({
    name: clip(s.topicSlug ? `${s.topicSlug} (${s.mode})` : `"${s.query}" (${s.mode})`),
    value: s.topicSlug ?? `#${s.id}`,
  }));
  if (subscriptions.length === 0 || !"all".startsWith(fold(typed))) return choices.slice(0, MAX_CHOICES);
  return [...choices.slice(0, MAX_CHOICES - 1), { name: "all — stop following everything here", value: "all" }];
}
