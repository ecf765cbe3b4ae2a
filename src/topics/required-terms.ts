import type { Field, QueryNode, TermNode } from "./query/ast.js";

/**
 * What the percolator files a query under: a token that must be in a field, or a token's first
 * letters. A story can only match a query if it contains at least one of the query's keys.
 */
export interface IndexKey {
  kind: "token" | "prefix";
  field: Field;
  value: string;
}

/** An estimate of how many stories contain a key: any scale, lower means rarer. */
export type KeyCost = (key: IndexKey) => number;

/**
 * Prefix terms are filed under at most this many first letters. Longer keys find fewer wrong
 * candidates; a story looks up one slice of each token per key length in use.
 */
export const PREFIX_KEY_LENGTH = 6;

/**
 * Keys of which any matching story contains at least one, or null when there is no such set and
 * the query must be checked against every story. An AND needs only one of its children's keys
 * (each child must match anyway), so the rarest child is used; an OR needs all branches' keys.
 * The choice only affects speed: any child's keys are correct.
 */
export function requiredKeys(node: QueryNode, cost: KeyCost = guessKeyCost): IndexKey[] | null {
  switch (node.type) {
    case "not":
      return null;
    case "or": {
      const keys: IndexKey[] = [];
      for (const child of node.children) {
        const childKeys = requiredKeys(child, cost);
        if (childKeys === null) return null;
        keys.push(...childKeys);
      }
      return keys;
    }
    case "and": {
      let best: { keys: IndexKey[]; cost: number } | null = null;
      for (const child of node.children) {
        const keys = child.type === "not" ? null : requiredKeys(child, cost);
        if (keys === null) continue;
        const total = keys.reduce((sum, key) => sum + cost(key), 0);
        if (best === null || total < best.cost) best = { keys, cost: total };
      }
      return best?.keys ?? null;
    }
    default:
      return [termKey(node, cost)];
  }
}

/** A phrase is filed under its rarest word; a prefix under its first letters. */
function termKey(term: TermNode, cost: KeyCost): IndexKey {
  if (term.type === "word") return { kind: "token", field: term.field, value: term.token };
  const exact = term.type === "prefix" ? term.tokens.slice(0, -1) : term.tokens;
  const candidates: IndexKey[] = exact.map((value) => ({ kind: "token", field: term.field, value }));
  const last = term.tokens.at(-1);
  if (term.type === "prefix" && last !== undefined) {
    candidates.push({ kind: "prefix", field: term.field, value: last.slice(0, PREFIX_KEY_LENGTH) });
  }
  return candidates.reduce((best, key) => (cost(key) < cost(best) ? key : best));
}

/**
 * The cost used when no story statistics are given: filters name a handful of values shared by
 * many stories; short words, common words and prefixes tend to be frequent.
 */
const FIELD_WEIGHT: Readonly<Record<Field, number>> = { body: 1, title: 0.5, source: 20, section: 20, topic: 10 };
const COMMON_WORDS = new Set(["the", "a", "an", "of", "to", "in", "and", "for", "on", "at", "by", "with", "from", "is", "it", "as", "new", "say", "said", "after", "over", "us", "s", "year", "be", "ha", "has", "was", "will", "not", "or"]);

export function guessKeyCost(key: IndexKey): number {
  const common = COMMON_WORDS.has(key.value) ? 50 : 1;
  const short = 1 + Math.max(0, 6 - key.value.length) * 0.5;
  // A prefix stands for many words, more the shorter it is.
  const prefix = key.kind === "prefix" ? 2 * (1 + Math.max(0, 6 - key.value.length)) : 1;
  return FIELD_WEIGHT[key.field] * common * short * prefix;
}
