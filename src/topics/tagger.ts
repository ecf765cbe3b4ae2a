import { createPercolator } from "./percolator.js";
import { parseQuery } from "./query/parser.js";
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

/**
 * Compiles every topic's query once into a percolator, so tagging a story checks only the
 * topics that share a term with it; `tag` returns the matching slugs in catalog order.
 */
export function createTagger(topics: readonly Topic[]): Tagger {
  const percolator = createPercolator<number>();
  const invalid: Tagger["invalid"] = [];
  topics.forEach((topic, position) => {
    try {
      percolator.add(position, parseQuery(topic.query));
    } catch (error) {
      invalid.push({ slug: topic.slug, error: error instanceof Error ? error.message : String(error) });
    }
  });
  return {
    invalid,
    tag(item) {
      const positions = percolator.match({
        title: item.title,
        summary: [item.summary, ...item.categories].join("\n"),
        source: item.source,
        section: item.section,
        topics: [],
        publishedAt: new Date(0),
      });
      return positions.sort((a, b) => a - b).map((p) => topics[p]?.slug ?? "");
    },
  };
}
