import { indexStory } from "./query/indexed-story.js";
import { matchesNode } from "./query/matcher.js";
import { parseQuery } from "./query/parser.js";
import type { Query } from "./query/ast.js";
import type { Topic } from "./topic.js";

export interface TaggableItem {
  title: string;
  summary: string;
  source: string;
  section: string | null;
  /** Feed categories: they count as text to match, like the summary. */
  categories: readonly string[];
}

export interface Tagger {
  tag(item: TaggableItem): string[];
  /** Topics whose query did not parse (a bad custom topic): reported, never fatal. */
  invalid: Array<{ slug: string; error: string }>;
}

/** Compiles every topic's query once; `tag` returns the slugs whose query matches the item. */
export function createTagger(topics: readonly Topic[]): Tagger {
  const compiled: Array<{ slug: string; query: Query }> = [];
  const invalid: Tagger["invalid"] = [];
  for (const topic of topics) {
    try {
      compiled.push({ slug: topic.slug, query: parseQuery(topic.query) });
    } catch (error) {
      invalid.push({ slug: topic.slug, error: error instanceof Error ? error.message : String(error) });
    }
  }
  return {
    invalid,
    tag(item) {
      const indexed = indexStory({
        title: item.title,
        summary: [item.summary, ...item.categories].join("\n"),
        source: item.source,
        section: item.section,
        topics: [],
      });
      return compiled.filter((t) => matchesNode(t.query.root, indexed)).map((t) => t.slug);
    },
  };
}
