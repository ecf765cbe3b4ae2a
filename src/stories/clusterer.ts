import type { Kysely } from "kysely";
import type { Database } from "../db/schema.js";
import { clusterSightings, storiesForClustering, type NewStory } from "../db/story-queries.js";
import { isClusterBreaking, type ClusterSighting } from "./breaking-marker.js";
import { assignCluster, CLUSTER_WINDOW_MS, type RecentStory } from "./cluster-assign.js";
import { createClusterIndex, decodeFingerprint, encodeFingerprint, storyFingerprint, type Fingerprint } from "./similarity/index.js";

export interface Clusterer {
  /** Loads stories other writers stored since the last call; call at the start of every batch. */
  sync(db: Kysely<Database>, now: Date): Promise<void>;
  /** Fingerprints the story and decides its cluster (and cluster-driven breaking) before it is stored. */
  prepare(db: Kysely<Database>, story: NewStory, now: Date): Promise<NewStory>;
  /**
   * Tells the index about a story of this batch (its id reserved, its row written at the end of
   * the batch), so later stories in the batch can join its cluster.
   */
  stored(story: NewStory, id: number, clusterId: number): void;
}

/**
 * Keeps an in-memory index of the last 48 hours of stories, topped up from the database before
 * each story (only rows it has not seen), so stories written by other processes count too.
 */
export function createClusterer(): Clusterer {
  const index = createClusterIndex<RecentStory>();
  let seenUpTo = 0;
  let lastPrune = 0;
  /** Sources of this batch's stories by cluster: their rows are not in the database yet. */
  let batchSightings = new Map<number, ClusterSighting[]>();
  /** Fingerprints prepare() made, so stored() need not decode what was just encoded. */
  const prepared = new WeakMap<NewStory, Fingerprint>();

  async function sync(db: Kysely<Database>, now: Date): Promise<void> {
    batchSightings = new Map();
    const rows = await storiesForClustering(db, seenUpTo, new Date(now.getTime() - CLUSTER_WINDOW_MS));
    for (const row of rows) {
      seenUpTo = Math.max(seenUpTo, row.storyId);
      const fingerprint = decodeFingerprint(row.fingerprint);
      if (fingerprint) index.add({ storyId: row.storyId, clusterId: row.clusterId, fingerprint, publishedAt: row.publishedAt, sourceName: row.sourceName });
    }
    if (now.getTime() - lastPrune > 3600_000) {
      lastPrune = now.getTime();
      index.prune(new Date(now.getTime() - CLUSTER_WINDOW_MS));
    }
  }

  return {
    sync,
    async prepare(db, story, now) {
      // Feed stories come fingerprinted already (storyFromItem, often on the feed reader thread).
      const carried = story.fingerprint !== null ? decodeFingerprint(story.fingerprint) : null;
      const fingerprint = carried ?? storyFingerprint({ title: story.title, summary: story.summary });
      const assignment = assignCluster({ fingerprint, publishedAt: story.publishedAt, sourceName: story.sourceName }, index.candidates(fingerprint), now);
      let breaking = story.breaking;
      if (!breaking && assignment.clusterId !== null) {
        // Three outlets within half an hour make it breaking, this story included.
        const sightings = await clusterSightings(db, assignment.clusterId);
        const inBatch = batchSightings.get(assignment.clusterId) ?? [];
        breaking = isClusterBreaking([...sightings, ...inBatch, { sourceName: story.sourceName, firstSeenAt: story.firstSeenAt }], now);
      }
      const result = { ...story, clusterId: assignment.clusterId, fingerprint: carried !== null ? story.fingerprint : encodeFingerprint(fingerprint), breaking };
      prepared.set(result, fingerprint);
      return result;
    },
    stored(story, id, clusterId) {
      seenUpTo = Math.max(seenUpTo, id);
      const sightings = batchSightings.get(clusterId) ?? [];
      sightings.push({ sourceName: story.sourceName, firstSeenAt: story.firstSeenAt });
      batchSightings.set(clusterId, sightings);
      const fingerprint = prepared.get(story) ?? (story.fingerprint === null ? null : decodeFingerprint(story.fingerprint));
      if (fingerprint) index.add({ storyId: id, clusterId, fingerprint, publishedAt: story.publishedAt, sourceName: story.sourceName });
    },
  };
}
