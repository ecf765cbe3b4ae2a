import type { Field, Query, QueryNode, TermNode } from "./ast.js";
import { sinceCutoff } from "./since.js";

/** What the store runs: `stories_fts MATCH ?` with `match`, and `published_at >= since` if set. */
export interface Fts5Query {
  match: string;
  /** Inclusive lower bound on publishedAt, or null for no time filter. */
  since: Date | null;
}

/** The stories_fts column each field is stored in. */
const COLUMNS: Readonly<Record<Field, string>> = {
  body: "body",
  title: "title",
  source: "source",
  section: "section",
  topic: "topics",
};

/**
 * Compiles a parsed query to an FTS5 MATCH expression. Every token is quoted, every group
 * parenthesised, and each term carries its own column filter, so neither FTS5's operator
 * precedence nor its barewords rules can change the meaning. The parser has already ensured
 * that every exclusion sits beside a positive term, which is the only form FTS5's binary NOT has.
 */
export function toFts5(query: Query, now: Date): Fts5Query {
  return {
    match: compile(query.root),
    since: query.since === null ? null : sinceCutoff(query.since, now),
  };
}

function compile(node: QueryNode): string {
  switch (node.type) {
    case "or":
      return `(${node.children.map(compile).join(" OR ")})`;
    case "and":
      return compileAnd(node.children);
    case "not":
      // Unreachable for parsed queries: a NOT outside an AND has nothing to subtract from.
      throw new Error("toFts5: a NOT must be inside an AND with a positive term");
    default:
      return compileTerm(node);
  }
}

/** `a -b -c` becomes `(a) NOT (b OR c)`: one subtraction of everything excluded. */
function compileAnd(children: readonly QueryNode[]): string {
  const wanted = children.filter((child) => child.type !== "not").map(compile);
  const excluded = children.flatMap((child) => (child.type === "not" ? [compile(child.child)] : []));
  if (wanted.length === 0) throw new Error("toFts5: an AND needs at least one positive term");
  const positive = wanted.length === 1 ? (wanted[0] ?? "") : `(${wanted.join(" AND ")})`;
  if (excluded.length === 0) return positive;
  return `(${positive} NOT (${excluded.join(" OR ")}))`;
}

function compileTerm(term: TermNode): string {
  const tokens = term.type === "word" ? [term.token] : term.tokens;
  const phrase = `"${tokens.join(" ").replaceAll('"', '""')}"`;
  return `${COLUMNS[term.field]} : ${phrase}${term.type === "prefix" ? " *" : ""}`;
}
