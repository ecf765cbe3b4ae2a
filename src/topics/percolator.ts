import type { MatchableStory } from "../stories/story.js";
import type { Query } from "./query/ast.js";
import { indexStory, type IndexedStory } from "./query/indexed-story.js";
import { isRecentEnough, matchesNode } from "./query/matcher.js";
import { querySignature } from "./query/query-signature.js";
import { keyChecks, provenByKey } from "./key-checks.js";
import { FIELDS, KeyNumbers } from "./key-numbers.js";
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
  readonly signature: string;
  readonly query: Query;
  /** Key numbers it is filed under, or null when every story must be checked. */
  readonly filedUnder: readonly number[] | null;
  /** Finding any of its keys in a story is already a match (`kyiv OR zelensky`). */
  readonly provenByKey: boolean;
  /** The key number its postings test before visiting it (see postings.ts), or -1. */
  readonly gate: number;
  /** Key checks left after the filing key and the gate, packed (see packChecks), or null. */
  readonly checks: Int32Array | null;
  /** The key checks are the whole query: no tree walk needed. */
  readonly checksAreWholeQuery: boolean;
  readonly ids: Set<Id>;
  /** `ids` as an array, rebuilt after changes: arrays are much faster to copy out than Sets. */
  idList: Id[] | null;
  /** The last story this group was looked at for; saves a Set per story. */
  lastStory: number;
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
  const postings: Array<Postings<QueryGroup<Id>> | undefined> = [];
  /** marks[key number] === story number when the current story has that key. */
  let marks: Int32Array = new Int32Array(1024);
  let storyNumber = 0;

  const numberOf = (key: IndexKey): number => {
    const number = keyNumbers.numberOf(key);
    if (number >= marks.length) marks = grown(marks, number);
    return number;
  };

  const createGroup = (signature: string, query: Query): QueryGroup<Id> => {
    const keys = requiredKeys(query.root, keyCost);
    const filedUnder = keys === null ? null : [...new Set(keys.map(numberOf))];
    const checks = keyChecks(query.root);
    // Found through its only key, a group needs no check of that key. The rarest other required
    // key becomes the gate, tested in the postings: most candidates fail there.
    const foundBy = filedUnder?.length === 1 ? filedUnder[0] : undefined;
    const byRarity = [...checks.required].sort((a, b) => keyCost(a) - keyCost(b));
    const required = [...new Set(byRarity.map(numberOf))].filter((number) => number !== foundBy);
    const gate = filedUnder === null ? -1 : (required.shift() ?? -1);
    return {
      signature,
      query,
      filedUnder,
      provenByKey: query.since === null && provenByKey(query.root),
      gate,
      checks: packChecks(required, checks.excluded.map(numberOf), checks.anyOf.map((keys) => keys.map(numberOf))),
      checksAreWholeQuery: checks.complete,
      ids: new Set(),
      idList: null,
      lastStory: 0,
    };
  };

  const remove = (id: Id): boolean => {
    const group = groupOf.get(id);
    if (group === undefined) return false;
    groupOf.delete(id);
    group.ids.delete(id);
    group.idList = null;
    if (group.ids.size === 0) {
      groups.delete(group.signature);
      if (group.filedUnder === null) alwaysCheck.delete(group);
      else for (const number of group.filedUnder) postings[number]?.remove(group);
    }
    return true;
  };

  return {
    add(id, query) {
      remove(id);
      // Subscribers of the same query share one group, so one check serves them all.
      const signature = querySignature(query);
      let group = groups.get(signature);
      if (group === undefined) {
        group = createGroup(signature, query);
        groups.set(signature, group);
        if (group.filedUnder === null) alwaysCheck.add(group);
        else for (const number of group.filedUnder) (postings[number] ??= new Postings()).add(group, group.gate);
      }
      group.ids.add(id);
      group.idList = null;
      groupOf.set(id, group);
    },
    remove,
    match(story, now = new Date()) {
      if (storyNumber >= LAST_STORY_NUMBER) {
        storyNumber = 0;
        marks.fill(0);
        for (const group of groups.values()) group.lastStory = 0;
      }
      storyNumber += 1;
      const current = storyNumber;
      const indexed = indexStory(story);
      // Mark every key of the story first: a candidate's checks may look at any of them.
      const present: number[] = [];
      const mark = (number: number): void => {
        if (marks[number] === current) return;
        marks[number] = current;
        present.push(number);
      };
      FIELDS.forEach((field, f) => {
        for (const token of indexed[field].firstAt.keys()) keyNumbers.forEachKeyOf(f, token, mark);
      });
      const matchedGroups: Array<QueryGroup<Id>> = [];
      const consider = (group: QueryGroup<Id>): void => {
        if (group.lastStory === current) return;
        group.lastStory = current;
        if (group.provenByKey || (passesKeyChecks(group.checks, marks, current) && passesTree(group, indexed, story.publishedAt, now))) {
          matchedGroups.push(group);
        }
      };
      for (const group of alwaysCheck) consider(group);
      for (const number of present) postings[number]?.forEachOpen(marks, current, consider);
      return idsOf(matchedGroups);
    },
    get size() {
      return groupOf.size;
    },
  };
}

/** One array of every id, sized once: catalog topics can bring thousands of subscribers each. */
function idsOf<Id>(matchedGroups: ReadonlyArray<QueryGroup<Id>>): Id[] {
  let total = 0;
  for (const group of matchedGroups) total += group.ids.size;
  const ids = new Array<Id>(total);
  let at = 0;
  for (const group of matchedGroups) {
    group.idList ??= [...group.ids];
    for (const id of group.idList) ids[at++] = id;
  }
  return ids;
}

/**
 * Key checks in one flat array, so a candidate costs one memory fetch rather than three:
 * [count, ...required, count, ...excluded, then for each any-of list: count, ...keys].
 */
function packChecks(required: readonly number[], excluded: readonly number[], anyOf: ReadonlyArray<readonly number[]>): Int32Array | null {
  if (required.length === 0 && excluded.length === 0 && anyOf.length === 0) return null;
  return Int32Array.from([required.length, ...required, excluded.length, ...excluded, ...anyOf.flatMap((keys) => [keys.length, ...keys])]);
}

function passesKeyChecks(checks: Int32Array | null, marks: Int32Array, current: number): boolean {
  if (checks === null) return true;
  let at = 0;
  for (let end = 1 + (checks[at++] as number); at < end; at += 1) if (marks[checks[at] as number] !== current) return false;
  for (let end = at + 1 + (checks[at++] as number); at < end; at += 1) if (marks[checks[at] as number] === current) return false;
  while (at < checks.length) {
    const end = at + 1 + (checks[at++] as number);
    let found = false;
    for (; at < end; at += 1) found ||= marks[checks[at] as number] === current;
    if (!found) return false;
  }
  return true;
}

function passesTree<Id>(group: QueryGroup<Id>, story: IndexedStory, publishedAt: Date, now: Date): boolean {
  if (!isRecentEnough(group.query, publishedAt, now)) return false;
  return group.checksAreWholeQuery || matchesNode(group.query.root, story);
}

function grown(marks: Int32Array, needed: number): Int32Array {
  let length = marks.length;
  while (length <= needed) length *= 2;
  const bigger = new Int32Array(length);
  bigger.set(marks);
  return bigger;
}
