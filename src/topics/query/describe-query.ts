import type { Field, Query, QueryNode, Since, TermNode } from "./ast.js";

/**
 * How the bot understood a query, in words, for its reply:
 * `title contains “leak” AND (source is “reuters” OR source is “ap”)`.
 * Terms are shown as the user typed them, not as stems, so "hoped" is not echoed as "hop".
 */
export function describeQuery(query: Query): string {
  const what = describeNode(query.root);
  return query.since === null ? what : `${what} AND ${describeSince(query.since)}`;
}

const FIELD_WORDS: Readonly<Record<Field, { is: string; startsWith: string }>> = {
  body: { is: "", startsWith: "a word starting with" },
  title: { is: "title contains", startsWith: "title contains a word starting with" },
  source: { is: "source is", startsWith: "source starts with" },
  section: { is: "section is", startsWith: "section starts with" },
  topic: { is: "topic is", startsWith: "topic starts with" },
};

function describeNode(node: QueryNode): string {
  switch (node.type) {
    case "word":
    case "phrase":
    case "prefix":
      return describeTerm(node);
    case "not":
      return `NOT ${describeOperand(node.child)}`;
    case "and":
      return node.children.map(describeOperand).join(" AND ");
    case "or":
      return node.children.map(describeOperand).join(" OR ");
  }
}

/** Groups inside another operator keep their parentheses so the reading is unambiguous. */
function describeOperand(node: QueryNode): string {
  const text = describeNode(node);
  return node.type === "and" || node.type === "or" ? `(${text})` : text;
}

function describeTerm(term: TermNode): string {
  const words = FIELD_WORDS[term.field];
  if (term.type === "prefix") {
    // "climate chan*" is a phrase whose last word may go on; one word reads more naturally.
    const quoted = term.tokens.length > 1 ? `“${term.text}…”` : `“${term.text}”`;
    const verb = term.tokens.length > 1 ? words.is : words.startsWith;
    return verb === "" ? quoted : `${verb} ${quoted}`;
  }
  return words.is === "" ? `“${term.text}”` : `${words.is} “${term.text}”`;
}

const UNIT_WORDS: Readonly<Record<string, string>> = { m: "minute", h: "hour", d: "day", w: "week" };

function describeSince(since: Since): string {
  if (since.type === "date") return `published since ${since.date.toISOString().slice(0, 10)}`;
  const amount = Number.parseInt(since.text, 10);
  const unit = UNIT_WORDS[since.text.slice(-1).toLowerCase()] ?? "";
  return amount === 1 ? `published in the last ${unit}` : `published in the last ${amount} ${unit}s`;
}
