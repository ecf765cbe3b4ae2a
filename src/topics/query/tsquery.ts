import type { Field, Query, QueryNode, TermNode } from "./ast.js";
import { sinceCutoff } from "./since.js";

/** What the PostgreSQL store runs: `document @@ tsquery::tsquery`, and `published_at >= since` if set. */
export interface PgTextQuery {
  /** tsquery input syntax, cast as it is (no parser or dictionary touches it). */
  tsquery: string;
  /** Inclusive lower bound on publishedAt, or null for no time filter. */
  since: Date | null;
}

/**
 * The tag each field's lexemes carry in stories_search.document (migrations/0004_postgres.ts): a
 * field is a namespace of lexemes, so `title:x` cannot match x in the body and a phrase cannot
 * run from one field into the next.
 */
const TAGS: Readonly<Record<Field, string>> = {
  body: "b.",
  title: "t.",
  source: "s.",
  section: "c.",
  topic: "p.",
};

/**
 * Compiles a parsed query to a PostgreSQL tsquery with the semantics of toFts5 (and of the
 * in-memory matcher): every lexeme quoted, every group parenthesised, a phrase as `<->` chains, a
 * prefix as `:*` on its last token, and `a -b -c` as `a & !(b | c)`.
 */
export function toTsquery(query: Query, now: Date): PgTextQuery {
  return {
    tsquery: compile(query.root),
    since: query.since === null ? null : sinceCutoff(query.since, now),
  };
}

function compile(node: QueryNode): string {
  switch (node.type) {
    case "or":
      return `(${node.children.map(compile).join(" | ")})`;
    case "and":
      return compileAnd(node.children);
    case "not":
      // Unreachable for parsed queries, as for FTS5: a NOT needs a positive term beside it.
      throw new Error("toTsquery: a NOT must be inside an AND with a positive term");
    default:
      return compileTerm(node);
  }
}

function compileAnd(children: readonly QueryNode[]): string {
  const wanted = children.filter((child) => child.type !== "not").map(compile);
  const excluded = children.flatMap((child) => (child.type === "not" ? [compile(child.child)] : []));
  if (wanted.length === 0) throw new Error("toTsquery: an AND needs at least one positive term");
  const positive = wanted.length === 1 ? (wanted[0] ?? "") : `(${wanted.join(" & ")})`;
  if (excluded.length === 0) return positive;
  return `(${positive} & !(${excluded.join(" | ")}))`;
}

/** A quoted lexeme: inside quotes only the quote and the backslash need escaping. */
function lexeme(text: string): string {
  return `'${text.replaceAll("\\", "\\\\").replaceAll("'", "''")}'`;
}

function compileTerm(term: TermNode): string {
  const tokens = term.type === "word" ? [term.token] : term.tokens;
  if (tokens.length === 0) throw new Error("toTsquery: a term needs at least one token");
  const last = tokens.length - 1;
  const parts = tokens.map((token, i) => lexeme(TAGS[term.field] + token) + (term.type === "prefix" && i === last ? ":*" : ""));
  return parts.length === 1 ? (parts[0] ?? "") : `(${parts.join(" <-> ")})`;
}
