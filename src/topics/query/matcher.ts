import type { Query, QueryNode, TermNode } from "./ast.js";
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
  switch (node.type) {
    case "and":
      return node.children.every((child) => matchesNode(child, story));
    case "or":
      return node.children.some((child) => matchesNode(child, story));
    case "not":
      return !matchesNode(node.child, story);
    default:
      return matchesTerm(node, story[node.field]);
  }
}

function matchesTerm(term: TermNode, field: FieldIndex): boolean {
  if (term.type === "word") return field.positions.has(term.token);
  if (term.type === "prefix" && term.tokens.length === 1) {
    const prefix = term.tokens[0] ?? "";
    for (const token of field.positions.keys()) if (token.startsWith(prefix)) return true;
    return false;
  }
  const [first, ...rest] = term.tokens;
  const lastIsPrefix = term.type === "prefix";
  for (const start of field.positions.get(first ?? "") ?? []) {
    if (followsAt(field.tokens, start + 1, rest, lastIsPrefix)) return true;
  }
  return false;
}

function followsAt(tokens: readonly string[], start: number, rest: readonly string[], lastIsPrefix: boolean): boolean {
  for (let i = 0; i < rest.length; i += 1) {
    const actual = tokens[start + i];
    const wanted = rest[i] ?? "";
    if (actual === undefined) return false;
    const last = i === rest.length - 1;
    if (last && lastIsPrefix ? !actual.startsWith(wanted) : actual !== wanted) return false;
  }
  return true;
}
