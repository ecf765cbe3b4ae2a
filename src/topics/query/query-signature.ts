import type { Query, QueryNode } from "./ast.js";

/**
 * A string that two queries share exactly when they match the same stories by construction:
 * tokens, fields and structure, not how words were typed ("Leak" and "leaks" are one query).
 */
export function querySignature(query: Query): string {
  if (query.since === null) return nodeSignature(query.root);
  const since = query.since.type === "date" ? query.since.date.toISOString() : `${query.since.ms}ms`;
  return `${nodeSignature(query.root)} since:${since}`;
}

// Tokens are letters and digits only, so the spaces, quotes and brackets here cannot be confused with them.
function nodeSignature(node: QueryNode): string {
  switch (node.type) {
    case "word":
      return `${node.field}:${node.token}`;
    case "phrase":
    case "prefix":
      return `${node.field}:"${node.tokens.join(" ")}"${node.type === "prefix" ? "*" : ""}`;
    case "not":
      return `-(${nodeSignature(node.child)})`;
    case "and":
    case "or":
      return `${node.type}(${node.children.map(nodeSignature).join(" ")})`;
  }
}
