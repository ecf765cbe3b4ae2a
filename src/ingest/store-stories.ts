import type { Kysely } from "kysely";
import { lockStoryWriteOrder } from "../db/advisory-locks.js";
import type { Database } from "../db/schema.js";
import { guidKey, insertStory, knownStoryKeys, type NewStory } from "../db/story-queries.js";
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
 * the store: a known guid or canonical URL is counted as a duplicate and left untouched.
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
    for (const story of stories) {
      const guid = guidKey(story);
      // A feed that lists the same item twice counts it once.
      if (seenInBatch.has(story.canonicalUrl) || known.urls.has(story.canonicalUrl) || (guid !== null && (known.guids.has(guid) || seenInBatch.has(guid)))) {
        counts.duplicate++;
        continue;
      }
      seenInBatch.add(story.canonicalUrl);
      if (guid !== null) seenInBatch.add(guid);
      const prepared = opts.clusterer ? await opts.clusterer.prepare(trx, story, now) : story;
      const result = await insertStory(trx, prepared, { knownNew: true });
      if (result.status === "duplicate") counts.duplicate++;
      else {
        opts.clusterer?.stored(prepared, result.id, result.clusterId);
        counts.new++;
        counts.newIds.push(result.id);
        if (story.alertable) counts.alertable++;
      }
    }
    return counts;
  });
}
