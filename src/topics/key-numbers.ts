import type { Field } from "./query/ast.js";
import type { IndexKey } from "./required-terms.js";

export const FIELDS: readonly Field[] = ["body", "title", "source", "section", "topic"];

const NO_KEYS = new Int32Array(0);
/** Tokens whose keys are remembered per field; the vocabulary of news is large, memory is not. */
const REMEMBERED_TOKENS = 100_000;

/** Prefix keys of one field as a trie: a story's token walks it letter by letter. */
interface PrefixNode {
  /** The number of the prefix key spelled by the path here, or -1. */
  number: number;
  next: Map<string, PrefixNode> | null;
}

/**
 * Small numbers for every key a query mentions, so that marking a story's keys and testing a
 * query's conditions are array accesses rather than string lookups. Numbers are never reused:
 * the dictionary only grows with the vocabulary of queries ever added.
 */
export class KeyNumbers {
  private readonly tokens: Array<Map<string, number>> = FIELDS.map(() => new Map());
  private readonly prefixes: PrefixNode[] = FIELDS.map(() => ({ number: -1, next: null }));
  /**
   * Each token's keys as found by a trie walk, per field: news repeats its words, and one lookup
   * here replaces a lookup per letter. Forgotten whenever a key is added.
   */
  private readonly keysOfToken: Array<Map<string, Int32Array>> = FIELDS.map(() => new Map());
  private count = 0;

  get size(): number {
    return this.count;
  }

  numberOf(key: IndexKey): number {
    const before = this.count;
    const number = this.assign(key);
    if (this.count !== before) for (const remembered of this.keysOfToken) remembered.clear();
    return number;
  }

  /** The numbers of every key that `token` in `field` has: itself and its prefixes. */
  keysOf(field: number, token: string): Int32Array {
    const remembered = this.keysOfToken[field] as Map<string, Int32Array>;
    let keys = remembered.get(token);
    if (keys === undefined) {
      const found: number[] = [];
      this.forEachKeyOf(field, token, (number) => found.push(number));
      keys = found.length === 0 ? NO_KEYS : Int32Array.from(found);
      if (remembered.size >= REMEMBERED_TOKENS) remembered.clear();
      remembered.set(token, keys);
    }
    return keys;
  }

  private assign(key: IndexKey): number {
    const field = FIELDS.indexOf(key.field);
    if (key.kind === "prefix") {
      const node = this.prefixNode(field, key.value);
      if (node.number === -1) node.number = this.count++;
      return node.number;
    }
    const numbers = this.tokens[field] as Map<string, number>;
    let number = numbers.get(key.value);
    if (number === undefined) {
      number = this.count++;
      numbers.set(key.value, number);
    }
    return number;
  }

  private forEachKeyOf(field: number, token: string, found: (number: number) => void): void {
    const exact = this.tokens[field]?.get(token);
    if (exact !== undefined) found(exact);
    // Walking the trie stops at the first letter no prefix key continues with, usually soon.
    let node = this.prefixes[field]?.next?.get(token.charAt(0));
    for (let at = 1; node !== undefined; at += 1) {
      if (node.number !== -1) found(node.number);
      if (at >= token.length) break;
      node = node.next?.get(token.charAt(at));
    }
  }

  private prefixNode(field: number, prefix: string): PrefixNode {
    let node = this.prefixes[field] as PrefixNode;
    for (const letter of prefix.split("")) {
      node.next ??= new Map();
      let child = node.next.get(letter);
      if (child === undefined) {
        child = { number: -1, next: null };
        node.next.set(letter, child);
      }
      node = child;
    }
    return node;
  }
}
