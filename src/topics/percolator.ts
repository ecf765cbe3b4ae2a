import type { MatchableStory } from "../stories/story.js";
import type { Query } from "./query/ast.js";
import { indexStory, type IndexedStory } from "./query/indexed-story.js";
import { isRecentEnough, matchesNode } from "./query/matcher.js";
import { querySignature } from "./query/query-signature.js";
import { keyChecks, provenByKey } from "./key-checks.js";
import { FIELDS, KeyNumbers } from "./key-numbers.js";
import { NO_CHECKS, packChecks, passesPackedChecks } from "./packed-checks.js";
import { Postings } from "./postings.js";
import { guessKeyCost, requiredKeys, type IndexKey, type KeyCost } from "./required-terms.js";

/**
 * Many standing queries against one new story at a time. Each distinct query is filed under keys
 * a matching story must contain (required-terms.ts); a story looks up only its own keys, and the
 * queries found that way are checked (key-checks.ts, then the matcher when those are not the
 * whole query), so the answer is exactly a naive loop's. Subscribers sharing a query share a check.
 */
export interface Percolator<Id> {
  /** Adds or replaces the query of `id`. */
  add(id: Id, query: Query): void;
  /** Forgets `id`; false when it was not there. */
  remove(id: Id): boolean;
  /** Every id whose query matches the story, each once, in no particular order. */
  match(story: MatchableStory, now?: Date): Id[];
  /**
   * The same ids as `match`, as one list per matching query. The lists are the percolator's own
   * read-only snapshots (a change makes a new one): a broad topic brings thousands of subscribers,
   * and handing their list over beats copying it for every story.
   */
  matchGroups(story: MatchableStory, now?: Date): ReadonlyArray<readonly Id[]>;
  /** matchGroups for a story tokenised already (indexTokens), published at `publishedAt`. */
  matchIndexed(story: IndexedStory, publishedAt: Date, now?: Date): ReadonlyArray<readonly Id[]>;
  readonly size: number;
}

export interface PercolatorOptions {
  /**
   * How common each key is (e.g. keyFrequencyFromSample over recent stories), so that each query
   * is filed under its rarest term. Only speed depends on it, never the answers.
   */
  keyCost?: KeyCost;
}

/** Subscribers of one distinct query, with what is precomputed to check it fast. */
interface QueryGroup<Id> {
  /** Its slot in the percolator's dense per-group arrays; reused after the group goes. */
  readonly number: number;
  readonly signature: string;
  readonly query: Query;
  /** Key numbers it is filed under, or null when every story must be checked. */
  readonly filedUnder: readonly number[] | null;
  /** Key checks left after the filing key, packed (packed-checks.ts); none when proven by key. */
  readonly checks: Int32Array;
  /** Passing the key checks is a match: no time limit, no tree walk (`kyiv OR zelensky`, `kyiv -sport`). */
  readonly settledByKeys: boolean;
  readonly ids: Set<Id>;
}

/** Story numbers live in an Int32Array; start over (clearing the marks) before they overflow. */
const LAST_STORY_NUMBER = 2 ** 31 - 2;

export function createPercolator<Id>(options: PercolatorOptions = {}): Percolator<Id> {
  const keyCost = options.keyCost ?? guessKeyCost;
  const groups = new Map<string, QueryGroup<Id>>();
  const groupOf = new Map<Id, QueryGroup<Id>>();
  const alwaysCheck = new Set<QueryGroup<Id>>();
  const keyNumbers = new KeyNumbers();
  /** postings[key number]: the groups filed under that key. */
  const postings: Array<Postings | undefined> = [];
  /** marks[key number] === story number when the current story has that key. */
  let marks: Int32Array = new Int32Array(1024);
  let storyNumber = 0;
  // Per group number, in dense arrays rather than on the group objects: most groups found for a
  // story are settled by their keys, and reading these costs no cache miss per group.
  const byNumber: Array<QueryGroup<Id> | undefined> = [];
  const freeNumbers: number[] = [];
  /** The last story a group was found for: a group filed under several keys counts once. */
  let lastStoryOf: Int32Array = new Int32Array(1024);
  let settledOf = new Uint8Array(1024);
  /** Each group's ids as an array (handed out by matchGroups), rebuilt after a change. */
  const idLists: Array<Id[] | null> = [];

  const numberOf = (key: IndexKey): number => {
    const number = keyNumbers.numberOf(key);
    if (number >= marks.length) marks = grown(marks, number);
    return number;
  };

  const newGroupNumber = (): number => {
    const number = freeNumbers.pop() ?? byNumber.length;
    if (number >= lastStoryOf.length) {
      lastStoryOf = grown(lastStoryOf, number);
      const settled = new Uint8Array(lastStoryOf.length);
      settled.set(settledOf);
      settledOf = settled;
    }
    return number;
  };

  const createGroup = (signature: string, query: Query): QueryGroup<Id> => {
    const keys = requiredKeys(query.root, keyCost);
    const filedUnder = keys === null ? null : [...new Set(keys.map(numberOf))];
    const checks = keyChecks(query.root);
    // Found through its only key, a group needs no check of that key. The rarest other required
    // key is checked first: most candidates fail there.
    const foundBy = filedUnder?.length === 1 ? filedUnder[0] : undefined;
    const byRarity = [...checks.required].sort((a, b) => keyCost(a) - keyCost(b));
    const required = [...new Set(byRarity.map(numberOf))].filter((number) => number !== foundBy);
    const proven = query.since === null && provenByKey(query.root);
    return {
      number: newGroupNumber(),
      signature,
      query,
      filedUnder,
      checks: proven ? NO_CHECKS : packChecks(required, checks.excluded.map(numberOf), checks.anyOf.map((keys) => keys.map(numberOf))),
      settledByKeys: proven || (query.since === null && checks.complete),
      ids: new Set(),
    };
  };

  const addGroup = (group: QueryGroup<Id>): void => {
    groups.set(group.signature, group);
    byNumber[group.number] = group;
    lastStoryOf[group.number] = 0;
    settledOf[group.number] = group.settledByKeys ? 1 : 0;
    idLists[group.number] = null;
    if (group.filedUnder === null) alwaysCheck.add(group);
    else for (const number of group.filedUnder) (postings[number] ??= new Postings()).add(group.number, group.checks);
  };

  const dropGroup = (group: QueryGroup<Id>): void => {
    groups.delete(group.signature);
    if (group.filedUnder === null) alwaysCheck.delete(group);
    else for (const number of group.filedUnder) postings[number]?.remove(group.number);
    byNumber[group.number] = undefined;
    idLists[group.number] = null;
    freeNumbers.push(group.number);
  };

  const remove = (id: Id): boolean => {
    const group = groupOf.get(id);
    if (group === undefined) return false;
    groupOf.delete(id);
    group.ids.delete(id);
    idLists[group.number] = null;
    if (group.ids.size === 0) dropGroup(group);
    return true;
  };

  const matchIndexed = (indexed: IndexedStory, publishedAt: Date, now = new Date()): Array<readonly Id[]> => {
    if (storyNumber >= LAST_STORY_NUMBER) {
      storyNumber = 0;
      marks.fill(0);
      lastStoryOf.fill(0);
    }
    storyNumber += 1;
    const current = storyNumber;
    // Mark every key of the story first: a candidate's checks may look at any of them.
    const present: number[] = [];
    FIELDS.forEach((field, f) => {
      for (const token of indexed[field].firstAt.keys()) {
        for (const number of keyNumbers.keysOf(f, token)) {
          if (marks[number] === current) continue;
          marks[number] = current;
          present.push(number);
        }
      }
    });
    const matched: Array<readonly Id[]> = [];
    // Called for groups whose key checks passed.
    const consider = (number: number): void => {
      if (lastStoryOf[number] === current) return;
      lastStoryOf[number] = current;
      if (settledOf[number] === 1 || passesTree(byNumber[number] as QueryGroup<Id>, indexed, publishedAt, now)) {
        matched.push((idLists[number] ??= [...(byNumber[number] as QueryGroup<Id>).ids]));
      }
    };
    for (const group of alwaysCheck) {
      if (passesPackedChecks(group.checks, 0, group.checks.length, marks, current)) consider(group.number);
    }
    for (const number of present) postings[number]?.forEachPassing(marks, current, consider);
    return matched;
  };

  return {
    add(id, query) {
      remove(id);
      // Subscribers of the same query share one group, so one check serves them all.
      const signature = querySignature(query);
      let group = groups.get(signature);
      if (group === undefined) {
        group = createGroup(signature, query);
        addGroup(group);
      }
      group.ids.add(id);
      idLists[group.number] = null;
      groupOf.set(id, group);
    },
    remove,
    match(story, now = new Date()) {
      return matchIndexed(indexStory(story), story.publishedAt, now).flat();
    },
    matchGroups: (story, now = new Date()) => matchIndexed(indexStory(story), story.publishedAt, now),
    matchIndexed,
    get size() {
      return groupOf.size;
    },
  };
}

function passesTree<Id>(group: QueryGroup<Id>, story: IndexedStory, publishedAt: Date, now: Date): boolean {
  return isRecentEnough(group.query, publishedAt, now) && matchesNode(group.query.root, story);
}

function grown(numbers: Int32Array, needed: number): Int32Array {
  let length = numbers.length;
  while (length <= needed) length *= 2;
  const bigger = new Int32Array(length);
  bigger.set(numbers);
  return bigger;
}
