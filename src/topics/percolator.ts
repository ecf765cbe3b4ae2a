import type { MatchableStory } from "../stories/story.js";
import type { Field, Query } from "./query/ast.js";
import { indexStory, type IndexedStory } from "./query/indexed-story.js";
import { isRecentEnough, matchesNode } from "./query/matcher.js";
import { PREFIX_KEY_LENGTH, requiredKeys, type IndexKey } from "./required-terms.js";

/**
 * Many standing queries against one new story at a time. Each distinct query is filed under keys
 * a matching story must contain (required-terms.ts); a story looks up only its own tokens, and
 * the queries found that way are verified with the same matcher a naive loop would use, so the
 * answer is exactly the naive loop's. Subscribers sharing a query (catalog topics) share a check.
 */
export interface Percolator<Id> {
  /** Adds or replaces the query of `id`. */
  add(id: Id, query: Query): void;
  /** Forgets `id`; false when it was not there. */
  remove(id: Id): boolean;
  /** Every id whose query matches the story, each once, in no particular order. */
  match(story: MatchableStory, now?: Date): Id[];
  readonly size: number;
}

/** Subscribers of one distinct query. */
interface QueryGroup<Id> {
  readonly signature: string;
  readonly query: Query;
  readonly keys: readonly IndexKey[] | null;
  readonly ids: Set<Id>;
}

type Postings<Id> = Map<string, Set<QueryGroup<Id>>>;

const FIELDS: readonly Field[] = ["body", "title", "source", "section", "topic"];

export function createPercolator<Id>(): Percolator<Id> {
  const groups = new Map<string, QueryGroup<Id>>();
  const groupOf = new Map<Id, QueryGroup<Id>>();
  const alwaysCheck = new Set<QueryGroup<Id>>();
  const exact = postingsByField<Id>();
  const prefixes = postingsByField<Id>();

  const file = (group: QueryGroup<Id>): void => {
    if (group.keys === null) alwaysCheck.add(group);
    else for (const key of group.keys) addTo(postingsFor(key), key.value, group);
  };
  const unfile = (group: QueryGroup<Id>): void => {
    if (group.keys === null) alwaysCheck.delete(group);
    else for (const key of group.keys) deleteFrom(postingsFor(key), key.value, group);
  };
  const postingsFor = (key: IndexKey): Postings<Id> => (key.kind === "token" ? exact : prefixes)[key.field];

  const remove = (id: Id): boolean => {
    const group = groupOf.get(id);
    if (group === undefined) return false;
    groupOf.delete(id);
    group.ids.delete(id);
    if (group.ids.size === 0) {
      groups.delete(group.signature);
      unfile(group);
    }
    return true;
  };

  return {
    add(id, query) {
      remove(id);
      const signature = signatureOf(query);
      let group = groups.get(signature);
      if (group === undefined) {
        group = { signature, query, keys: requiredKeys(query.root), ids: new Set() };
        groups.set(signature, group);
        file(group);
      }
      group.ids.add(id);
      groupOf.set(id, group);
    },
    remove,
    match(story, now = new Date()) {
      const indexed = indexStory(story);
      const matched: Id[] = [];
      for (const group of candidates(indexed, exact, prefixes, alwaysCheck)) {
        if (isRecentEnough(group.query, story.publishedAt, now) && matchesNode(group.query.root, indexed)) {
          for (const id of group.ids) matched.push(id);
        }
      }
      return matched;
    },
    get size() {
      return groupOf.size;
    },
  };
}

/** Every group filed under a key the story has, plus those that have no key. */
function candidates<Id>(
  story: IndexedStory,
  exact: Record<Field, Postings<Id>>,
  prefixes: Record<Field, Postings<Id>>,
  alwaysCheck: ReadonlySet<QueryGroup<Id>>,
): Set<QueryGroup<Id>> {
  const found = new Set(alwaysCheck);
  const collect = (groups: ReadonlySet<QueryGroup<Id>> | undefined): void => {
    if (groups) for (const group of groups) found.add(group);
  };
  for (const field of FIELDS) {
    const fieldExact = exact[field];
    const fieldPrefixes = prefixes[field];
    for (const token of story[field].positions.keys()) {
      collect(fieldExact.get(token));
      if (fieldPrefixes.size === 0) continue;
      const longest = Math.min(PREFIX_KEY_LENGTH, token.length);
      for (let length = 1; length <= longest; length += 1) collect(fieldPrefixes.get(token.slice(0, length)));
    }
  }
  return found;
}

/** Queries that differ only in how a word was typed ("Leak" vs "leak") share a group. */
function signatureOf(query: Query): string {
  return JSON.stringify(query, (key, value: unknown) => (key === "text" ? undefined : value));
}

function postingsByField<Id>(): Record<Field, Postings<Id>> {
  return { body: new Map(), title: new Map(), source: new Map(), section: new Map(), topic: new Map() };
}

function addTo<Id>(postings: Postings<Id>, value: string, group: QueryGroup<Id>): void {
  const groups = postings.get(value);
  if (groups) groups.add(group);
  else postings.set(value, new Set([group]));
}

function deleteFrom<Id>(postings: Postings<Id>, value: string, group: QueryGroup<Id>): void {
  const groups = postings.get(value);
  groups?.delete(group);
  if (groups?.size === 0) postings.delete(value);
}
