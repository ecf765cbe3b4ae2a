import type { Kysely } from "kysely";
import { lockStoryWriteOrder } from "../db/advisory-locks.js";
import type { Database } from "../db/schema.js";
import { guidKey, insertNewStories, knownStoryKeys, reserveStoryIds, type NewStory, type NumberedStory } from "../db/story-queries.js";
import type { Clusterer } from "../stories/clusterer.js";

export interface StoreCounts {
  new: number;
  duplicate: number;
  /** New stories that may alert (the watcher picks them up). */
  alertable: number;
  newIds: number[];
}

/**
 * Stores candidates in one transaction (one fsync per feed, not per item). Dedupe happens in
 * the store: a known guid or canonical URL is counted as a duplicate and left untouched. New
 * stories get their ids first, so each can join the cluster of one before it in the batch, and
 * are then written together.
 */
export async function storeStories(db: Kysely<Database>, stories: readonly NewStory[], opts: { clusterer?: Clusterer; now?: Date } = {}): Promise<StoreCounts> {
  const now = opts.now ?? new Date();
  return db.transaction().execute(async (trx) => {
    // Stories commit in id order even with several ingest workers: the watcher's cursor relies on it.
    await lockStoryWriteOrder(trx);
    const counts: StoreCounts = { new: 0, duplicate: 0, alertable: 0, newIds: [] };
    // Known stories are filtered out up front, so only new ones are fingerprinted and inserted.
    const known = await knownStoryKeys(trx, stories);
    const seenInBatch = new Set<string>();
    if (opts.clusterer) await opts.clusterer.sync(trx, now);
    const fresh: NewStory[] = [];
    for (const story of stories) {
      const guid = guidKey(story);
      // A feed that lists the same item twice counts it once.
      if (seenInBatch.has(story.canonicalUrl) || known.urls.has(story.canonicalUrl) || (guid !== null && (known.guids.has(guid) || seenInBatch.has(guid)))) {
        counts.duplicate++;
        continue;
      }
      seenInBatch.add(story.canonicalUrl);
      if (guid !== null) seenInBatch.add(guid);
      fresh.push(story);
    }
    const ids = await reserveStoryIds(trx, fresh.length);
    const numbered: NumberedStory[] = [];
    for (const [i, story] of fresh.entries()) {
      const id = ids[i] as number;
      const prepared = opts.clusterer ? await opts.clusterer.prepare(trx, story, now) : story;
      const clusterId = prepared.clusterId ?? id;
      opts.clusterer?.stored(prepared, id, clusterId);
      numbered.push({ ...prepared, id, clusterId });
      counts.new++;
      counts.newIds.push(id);
      if (story.alertable) counts.alertable++;
    }
    await insertNewStories(trx, numbered);
    return counts;
  });
}
