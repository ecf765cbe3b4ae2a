import type { QueryNode, TermNode } from "./query/ast.js";
import { PREFIX_KEY_LENGTH, type IndexKey } from "./required-terms.js";

/**
 * Conditions on keys (a word in a field, or a short prefix of one) read off a query's top level,
 * which the percolator tests with array lookups before walking the query tree:
 * `kyiv "air raid" (drone OR missil*) -sport` requires kyiv, air and raid, one of drone and
 * missil…, and no sport. `complete` says these conditions are the whole query, so the walk can
 * be skipped; otherwise they are only necessary (a phrase also needs its words in order).
 */
export interface KeyChecks {
  required: IndexKey[];
  excluded: IndexKey[];
  /** Each list needs at least one of its keys. */
  anyOf: IndexKey[][];
  complete: boolean;
}

export function keyChecks(root: QueryNode): KeyChecks {
  const checks: KeyChecks = { required: [], excluded: [], anyOf: [], complete: true };
  for (const node of root.type === "and" ? root.children : [root]) {
    const exact = exactKey(node);
    if (exact) {
      checks.required.push(exact);
    } else if (node.type === "not" && exactKey(node.child)) {
      checks.excluded.push(exactKey(node.child) as IndexKey);
    } else if (node.type === "or" && node.children.every((child) => exactKey(child) !== null)) {
      checks.anyOf.push(node.children.map((child) => exactKey(child) as IndexKey));
    } else {
      checks.complete = false;
      if (node.type === "phrase" || node.type === "prefix") checks.required.push(...necessaryKeys(node));
    }
  }
  return checks;
}

/** The key whose presence is exactly the term's match: a word, or a prefix short enough to be its own key. */
function exactKey(node: QueryNode): IndexKey | null {
  if (node.type === "word") return { kind: "token", field: node.field, value: node.token };
  if (node.type === "prefix" && node.tokens.length === 1) {
    const prefix = node.tokens[0] ?? "";
    if (prefix.length <= PREFIX_KEY_LENGTH) return { kind: "prefix", field: node.field, value: prefix };
  }
  return null;
}

/** Keys a phrase or a long prefix cannot match without: its words, and its last word's first letters. */
function necessaryKeys(term: TermNode): IndexKey[] {
  const tokens = term.type === "word" ? [term.token] : term.tokens;
  const whole = term.type === "prefix" ? tokens.slice(0, -1) : tokens;
  const keys: IndexKey[] = whole.map((value) => ({ kind: "token", field: term.field, value }));
  const last = tokens.at(-1);
  if (term.type === "prefix" && last !== undefined) keys.push({ kind: "prefix", field: term.field, value: last.slice(0, PREFIX_KEY_LENGTH) });
  return keys;
}

/**
 * True when finding any of the query's index keys already proves a match: a single word, a
 * prefix no longer than its key, or an OR of those (`kyiv OR zelensky OR missil*`).
 */
export function provenByKey(node: QueryNode): boolean {
  if (node.type === "or") return node.children.every(provenByKey);
  return exactKey(node) !== null;
}
