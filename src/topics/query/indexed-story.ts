import type { Field } from "./ast.js";
import { documentTokens, type SearchableFields } from "./search-document.js";

/**
 * One field's tokens, indexed so that words and phrases are found without a scan. Occurrences of
 * a token are chained through `nextSame` rather than kept in an array per token: a story is
 * indexed once per new story, and fewer small allocations keep the percolator's pauses short.
 */
export class FieldIndex {
  /** Each distinct token and the position where it first occurs. */
  readonly firstAt = new Map<string, number>();
  /** nextSame[i]: the next position holding the same token as position i, or -1. */
  readonly nextSame: Int32Array;
  private sorted: string[] | null = null;

  constructor(readonly tokens: readonly string[]) {
    this.nextSame = new Int32Array(tokens.length).fill(-1);
    const lastAt = new Map<string, number>();
    tokens.forEach((token, at) => {
      const previous = lastAt.get(token);
      if (previous === undefined) this.firstAt.set(token, at);
      else this.nextSame[previous] = at;
      lastAt.set(token, at);
    });
  }

  has(token: string): boolean {
    return this.firstAt.has(token);
  }

  /** Whether any token starts with `prefix`: a binary search over the distinct tokens, sorted on first use. */
  hasPrefix(prefix: string): boolean {
    const sorted = (this.sorted ??= [...this.firstAt.keys()].sort());
    let low = 0;
    let high = sorted.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((sorted[middle] ?? "") < prefix) low = middle + 1;
      else high = middle;
    }
    return sorted[low]?.startsWith(prefix) ?? false;
  }
}

/** A story tokenised once, then checked against any number of queries. */
export type IndexedStory = Readonly<Record<Field, FieldIndex>>;

export function indexStory(story: SearchableFields): IndexedStory {
  return indexTokens(documentTokens(story));
}

/** indexStory for fields tokenised already (documentTokens), so a caller tokenises once. */
export function indexTokens(tokens: Readonly<Record<Field, readonly string[]>>): IndexedStory {
  return {
    body: new FieldIndex(tokens.body),
    title: new FieldIndex(tokens.title),
    source: new FieldIndex(tokens.source),
    section: new FieldIndex(tokens.section),
    topic: new FieldIndex(tokens.topic),
  };
}
