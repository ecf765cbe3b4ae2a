import type { Field } from "./ast.js";
import { documentTokens, type SearchableFields } from "./search-document.js";

/** One field's tokens with where each occurs, so words and phrases are found without a scan. */
export interface FieldIndex {
  tokens: readonly string[];
  positions: ReadonlyMap<string, readonly number[]>;
}

/** A story tokenised once, then checked against any number of queries. */
export type IndexedStory = Readonly<Record<Field, FieldIndex>>;

export function indexStory(story: SearchableFields): IndexedStory {
  const tokens = documentTokens(story);
  return {
    body: indexField(tokens.body),
    title: indexField(tokens.title),
    source: indexField(tokens.source),
    section: indexField(tokens.section),
    topic: indexField(tokens.topic),
  };
}

function indexField(tokens: readonly string[]): FieldIndex {
  const positions = new Map<string, number[]>();
  tokens.forEach((token, at) => {
    const seen = positions.get(token);
    if (seen) seen.push(at);
    else positions.set(token, [at]);
  });
  return { tokens, positions };
}
