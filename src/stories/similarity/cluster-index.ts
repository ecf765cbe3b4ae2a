import { featureKey, type Fingerprint } from "./fingerprint.js";

/** What the index needs of a recent story; callers keep their own fields on it (clusterId, sourceName). */
export interface IndexedStory {
  storyId: number;
  fingerprint: Fingerprint;
  publishedAt: Date;
}

/** Recent stories by feature, so a new story is scored only against those it shares features with. */
export interface ClusterIndex<T extends IndexedStory> {
  /** Adds a story, replacing an earlier entry with the same storyId. */
  add(story: T): void;
  /** Stories sharing at least two distinctive features with `fingerprint`: the ones worth scoring. */
  candidates(fingerprint: Fingerprint): T[];
  /** Drops stories published before `olderThan` and compacts the index; returns how many went. */
  prune(olderThan: Date): number;
  readonly size: number;
}

/** Every same-event pair in the labelled set shares far more; one shared word is coincidence. */
const MIN_SHARED_FEATURES = 2;
/** Features in more than this share of indexed stories (weekdays, "usa") tell no event apart... */
const COMMON_SHARE = 0.05;
/** ...but a small index keeps them all, since there every posting list is short anyway. */
const COMMON_FLOOR = 64;

/**
 * An inverted index from feature to the slots of the stories that have it. Replaced stories
 * leave dead slots behind until the next prune() rebuilds the lists, which keeps add() and
 * candidates() to array pushes and counter bumps.
 */
export function createClusterIndex<T extends IndexedStory>(): ClusterIndex<T> {
  let slots: (T | undefined)[] = [];
  let postings = new Map<number, number[]>();
  const slotById = new Map<number, number>();
  let counts = new Uint16Array(256);

  const place = (story: T): void => {
    const slot = slots.length;
    slots.push(story);
    slotById.set(story.storyId, slot);
    for (const word of story.fingerprint.features) {
      const key = featureKey(word);
      const posting = postings.get(key);
      if (posting === undefined) postings.set(key, [slot]);
      else posting.push(slot);
    }
  };

  return {
    add(story) {
      const previous = slotById.get(story.storyId);
      if (previous !== undefined) slots[previous] = undefined;
      place(story);
    },
    candidates(fingerprint) {
      if (counts.length < slots.length) counts = new Uint16Array(slots.length * 2);
      const common = Math.max(COMMON_FLOOR, slotById.size * COMMON_SHARE);
      const touched: number[] = [];
      for (const word of fingerprint.features) {
        const posting = postings.get(featureKey(word));
        if (posting === undefined || posting.length > common) continue;
        for (const slot of posting) if (counts[slot]!++ === 0) touched.push(slot);
      }
      const found: T[] = [];
      for (const slot of touched) {
        const story = slots[slot];
        if (story !== undefined && counts[slot]! >= MIN_SHARED_FEATURES) found.push(story);
        counts[slot] = 0;
      }
      return found;
    },
    prune(olderThan) {
      const live = slots.filter((story): story is T => story !== undefined);
      const kept = live.filter((story) => story.publishedAt.getTime() >= olderThan.getTime());
      slots = [];
      postings = new Map();
      slotById.clear();
      for (const story of kept) place(story);
      return live.length - kept.length;
    },
    get size() {
      return slotById.size;
    },
  };
}
