import type { Query, QueryNode } from "./ast.js";
import { indexStory, type FieldIndex, type IndexedStory } from "./indexed-story.js";
import type { MatchableStory } from "../../stories/story.js";
import { sinceCutoff } from "./since.js";

/**
 * Whether a story satisfies a query, in memory. Gives the same answer as the FTS5 back-end
 * (tests/topics/fts5-agreement.test.ts): `since:` is inclusive of its cutoff, plain words look in
 * title + summary, phrases need consecutive tokens, a prefix matches a token that starts with it.
 */
export function matches(query: Query, story: MatchableStory, now: Date = new Date()): boolean {
  if (!isRecentEnough(query, story.publishedAt, now)) return false;
  return matchesNode(query.root, indexStory(story));
}

export function isRecentEnough(query: Query, publishedAt: Date, now: Date): boolean {
  return query.since === null || publishedAt.getTime() >= sinceCutoff(query.since, now).getTime();
}

/** The query tree against a story tokenised beforehand (the percolator tokenises once). */
export function matchesNode(node: QueryNode, story: IndexedStory): boolean {
  // Plain loops rather than every()/some(): this runs for every candidate of every new story.
  switch (node.type) {
    case "and":
      for (const child of node.children) if (!matchesNode(child, story)) return false;
      return true;
    case "or":
      for (const child of node.children) if (matchesNode(child, story)) return true;
      return false;
    case "not":
      return !matchesNode(node.child, story);
    case "word":
      return story[node.field].has(node.token);
    case "phrase":
      return hasSequence(story[node.field], node.tokens, false);
    case "prefix":
      return node.tokens.length === 1 ? story[node.field].hasPrefix(node.tokens[0] ?? "") : hasSequence(story[node.field], node.tokens, true);
  }
}

/** Consecutive tokens from a place where the first one occurs; the last may be a prefix. */
function hasSequence(field: FieldIndex, wanted: readonly string[], lastIsPrefix: boolean): boolean {
  const last = wanted.length - 1;
  for (let start = field.firstAt.get(wanted[0] ?? "") ?? -1; start !== -1; start = field.nextSame[start] ?? -1) {
    let i = 1;
    for (; i <= last; i += 1) {
      const actual = field.tokens[start + i];
      if (actual === undefined) break;
      if (i === last && lastIsPrefix ? !actual.startsWith(wanted[i] ?? "") : actual !== wanted[i]) break;
    }
    if (i > last) return true;
  }
  return false;
}
