import type { Field } from "./ast.js";
import { searchTokens } from "./normalize-text.js";

/** The story fields a search document is built from. */
export interface SearchableFields {
  title: string;
  summary: string;
  source: string;
  section: string | null;
  topics: readonly string[];
}

/**
 * The text stored in the FTS columns (stories.search_*). Each column holds our own tokens joined
 * by spaces, already folded and stemmed, so FTS5's tokenizer only has to split on the spaces and
 * both back-ends see the same words.
 */
export interface SearchDocument {
  title: string;
  /** Title and summary: where plain words are looked for. */
  body: string;
  source: string;
  section: string;
  /** Topic slugs, split on their hyphens ("middle-east" → "middle east"). */
  topics: string;
}

export function searchDocument(story: SearchableFields): SearchDocument {
  return searchDocumentOf(documentTokens(story));
}

/** searchDocument for fields tokenised already (documentTokens), so a caller tokenises once. */
export function searchDocumentOf(tokens: Readonly<Record<Field, readonly string[]>>): SearchDocument {
  return {
    title: tokens.title.join(" "),
    body: tokens.body.join(" "),
    source: tokens.source.join(" "),
    section: tokens.section.join(" "),
    topics: tokens.topic.join(" "),
  };
}

/** The tokens of each field a query can name; the matcher and searchDocument both start here. */
export function documentTokens(story: SearchableFields): Record<Field, string[]> {
  const title = searchTokens(story.title);
  return {
    body: [...title, ...searchTokens(story.summary)],
    title,
    source: searchTokens(story.source),
    section: searchTokens(story.section ?? ""),
    topic: story.topics.flatMap(searchTokens),
  };
}
