import type { Kysely } from "kysely";
import { customTopics } from "../db/topic-queries.js";
import type { Database } from "../db/schema.js";
import { catalogTopics } from "./catalog.js";
import { editDistance } from "./edit-distance.js";
import type { Topic } from "./topic.js";

export type TopicLookup =
  | { status: "found"; topic: Topic }
  | { status: "did-you-mean"; suggestions: Topic[] }
  | { status: "not-a-topic" };

/** The catalog plus the custom topics stored in the database, read fresh on each call. */
export interface TopicDirectory {
  all(): Promise<Topic[]>;
  get(slug: string): Promise<Topic | undefined>;
  lookup(words: string): Promise<TopicLookup>;
}

const fold = (s: string) =>
  s
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[\s_]+/g, "-")
    .trim();

/** Finds a topic by slug or label, ignoring case and accents; near misses become suggestions. */
export function lookupTopic(topics: readonly Topic[], words: string): TopicLookup {
  const wanted = fold(words);
  const exact = topics.find((t) => fold(t.slug) === wanted || fold(t.label) === wanted);
  if (exact) return { status: "found", topic: exact };
  // Only single-name inputs can be misspelled topics; several words are a query.
  if (wanted.length < 3 || /\s|"|:|\*|\(/.test(words.trim())) return { status: "not-a-topic" };
  const allowed = wanted.length <= 5 ? 1 : 2;
  const scored = topics
    .map((t) => ({ t, d: Math.min(editDistance(wanted, fold(t.slug)), editDistance(wanted, fold(t.label))) }))
    .filter((x) => x.d <= allowed)
    .sort((a, b) => a.d - b.d || a.t.slug.localeCompare(b.t.slug));
  return scored.length > 0 ? { status: "did-you-mean", suggestions: scored.slice(0, 3).map((x) => x.t) } : { status: "not-a-topic" };
}

export function createTopicDirectory(db: Kysely<Database>): TopicDirectory {
  const all = async (): Promise<Topic[]> => {
    const custom = await customTopics(db);
    const customSlugs = new Set(custom.map((t) => t.slug));
    // A custom topic with a catalog slug overrides the shipped definition.
    return [...catalogTopics.filter((t) => !customSlugs.has(t.slug)), ...custom.map((t) => ({ ...t, builtin: false }))];
  };
  return {
    all,
    async get(slug) {
      return (await all()).find((t) => t.slug === slug);
    },
    async lookup(words) {
      return lookupTopic(await all(), words);
    },
  };
}
