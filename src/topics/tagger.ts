import { createPercolator } from "./percolator.js";
import { indexTokens } from "./query/indexed-story.js";
import { searchTokens } from "./query/normalize-text.js";
import { parseQuery } from "./query/parser.js";
import { searchDocumentOf, type SearchDocument } from "./query/search-document.js";
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
  /**
   * The item's topics (`fixed` first, then the matching ones) and the search document of the
   * story that carries them, from one tokenisation of the text: ingest needs both for every item.
   */
  tagForStorage(item: TaggableItem, fixed?: readonly string[]): { topics: string[]; search: SearchDocument };
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
  const EPOCH = new Date(0);
  const tagTokens = (title: string[], summary: string[], source: string[], section: string[], categories: readonly string[]): string[] => {
    const body = [...title, ...summary, ...categories.flatMap(searchTokens)];
    const groups = percolator.matchIndexed(indexTokens({ body, title, source, section, topic: [] }), EPOCH, EPOCH);
    return groups
      .flat()
      .sort((a, b) => a - b)
      .map((p) => topics[p]?.slug ?? "");
  };
  return {
    invalid,
    tag(item) {
      return tagTokens(searchTokens(item.title), searchTokens(item.summary), searchTokens(item.source), searchTokens(item.section ?? ""), item.categories);
    },
    tagForStorage(item, fixed = []) {
      const title = searchTokens(item.title);
      const summary = searchTokens(item.summary);
      const source = searchTokens(item.source);
      const section = searchTokens(item.section ?? "");
      const tagged = [...new Set([...fixed, ...tagTokens(title, summary, source, section, item.categories)])];
      const search = searchDocumentOf({ body: [...title, ...summary], title, source, section, topic: tagged.flatMap(searchTokens) });
      return { topics: tagged, search };
    },
  };
}
