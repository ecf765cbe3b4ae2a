import type { MatchableStory } from "../stories/story.js";
import type { Field, Query, QueryNode } from "./query/ast.js";
import { indexStory, type IndexedStory } from "./query/indexed-story.js";
import { isRecentEnough, matchesNode } from "./query/matcher.js";
import { guessKeyCost, PREFIX_KEY_LENGTH, requiredKeys, type IndexKey, type KeyCost } from "./required-terms.js";

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

export interface PercolatorOptions {
  /**
   * How common each key is (e.g. keyFrequencyFromSample over recent stories), so that each query
   * is filed under its rarest term. Only speed depends on it, never the answers.
   */
  keyCost?: KeyCost;
}

/** Subscribers of one distinct query. */
interface QueryGroup<Id> {
  readonly signature: string;
  readonly query: Query;
  readonly keys: readonly IndexKey[] | null;
  /** Finding any of its keys in a story is already a match (`kyiv OR zelensky`): skip the check. */
  readonly provenByKey: boolean;
  readonly ids: Set<Id>;
  /** The last story this group was looked at for; saves a Set per story. */
  lastStory: number;
}

type Postings<Id> = Map<string, Array<QueryGroup<Id>>>;

const FIELDS: readonly Field[] = ["body", "title", "source", "section", "topic"];

export function createPercolator<Id>(options: PercolatorOptions = {}): Percolator<Id> {
  const keyCost = options.keyCost ?? guessKeyCost;
  const groups = new Map<string, QueryGroup<Id>>();
  const groupOf = new Map<Id, QueryGroup<Id>>();
  const alwaysCheck = new Set<QueryGroup<Id>>();
  const exact = postingsByField<Id>();
  const prefixes = postingsByField<Id>();
  let storyNumber = 0;

  const postingsFor = (key: IndexKey): Postings<Id> => (key.kind === "token" ? exact : prefixes)[key.field];
  const file = (group: QueryGroup<Id>): void => {
    if (group.keys === null) alwaysCheck.add(group);
    else for (const key of group.keys) addTo(postingsFor(key), key.value, group);
  };
  const unfile = (group: QueryGroup<Id>): void => {
    if (group.keys === null) alwaysCheck.delete(group);
    else for (const key of group.keys) deleteFrom(postingsFor(key), key.value, group);
  };

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
        const keys = uniqueKeys(requiredKeys(query.root, keyCost));
        group = { signature, query, keys, provenByKey: query.since === null && isProvenByKey(query.root), ids: new Set(), lastStory: 0 };
        groups.set(signature, group);
        file(group);
      }
      group.ids.add(id);
      groupOf.set(id, group);
    },
    remove,
    match(story, now = new Date()) {
      storyNumber += 1;
      const current = storyNumber;
      const indexed = indexStory(story);
      const matched: Id[] = [];
      const consider = (group: QueryGroup<Id>): void => {
        if (group.lastStory === current) return;
        group.lastStory = current;
        const found = group.provenByKey || (isRecentEnough(group.query, story.publishedAt, now) && matchesNode(group.query.root, indexed));
        if (found) for (const id of group.ids) matched.push(id);
      };
      for (const group of alwaysCheck) consider(group);
      forEachCandidate(indexed, exact, prefixes, consider);
      return matched;
    },
    get size() {
      return groupOf.size;
    },
  };
}

/** Calls `visit` for every group filed under a key the story has (possibly more than once). */
function forEachCandidate<Id>(
  story: IndexedStory,
  exact: Record<Field, Postings<Id>>,
  prefixes: Record<Field, Postings<Id>>,
  visit: (group: QueryGroup<Id>) => void,
): void {
  for (const field of FIELDS) {
    const fieldExact = exact[field];
    const fieldPrefixes = prefixes[field];
    for (const token of story[field].positions.keys()) {
      fieldExact.get(token)?.forEach(visit);
      if (fieldPrefixes.size === 0) continue;
      const longest = Math.min(PREFIX_KEY_LENGTH, token.length);
      for (let length = 1; length <= longest; length += 1) fieldPrefixes.get(token.slice(0, length))?.forEach(visit);
    }
  }
}

/**
 * True when the keys say it all: a single word, a prefix no longer than its key, or an OR of
 * those. Anything with a phrase, a longer prefix, an AND or a NOT needs the matcher.
 */
function isProvenByKey(node: QueryNode): boolean {
  if (node.type === "word") return true;
  if (node.type === "prefix") return node.tokens.length === 1 && (node.tokens[0]?.length ?? 0) <= PREFIX_KEY_LENGTH;
  if (node.type === "or") return node.children.every(isProvenByKey);
  return false;
}

/** Queries that differ only in how a word was typed ("Leak" vs "leak") share a group. */
function signatureOf(query: Query): string {
  return JSON.stringify(query, (key, value: unknown) => (key === "text" ? undefined : value));
}

function postingsByField<Id>(): Record<Field, Postings<Id>> {
  return { body: new Map(), title: new Map(), source: new Map(), section: new Map(), topic: new Map() };
}

/** `"kyiv mayor" OR "kyiv police"` needs filing under "kyiv" once. */
function uniqueKeys(keys: IndexKey[] | null): IndexKey[] | null {
  if (keys === null) return null;
  const byName = new Map(keys.map((key) => [`${key.kind} ${key.field} ${key.value}`, key]));
  return [...byName.values()];
}

/** Postings are arrays: iterated for every story, changed only when subscriptions change. */
function addTo<Id>(postings: Postings<Id>, value: string, group: QueryGroup<Id>): void {
  const groups = postings.get(value);
  if (groups === undefined) postings.set(value, [group]);
  else groups.push(group);
}

function deleteFrom<Id>(postings: Postings<Id>, value: string, group: QueryGroup<Id>): void {
  const groups = postings.get(value);
  if (groups === undefined) return;
  const at = groups.indexOf(group);
  if (at !== -1) groups.splice(at, 1);
  if (groups.length === 0) postings.delete(value);
}
