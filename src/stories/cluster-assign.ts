import { similarity, SAME_EVENT_THRESHOLD } from "./similarity/index.js";
import type { Fingerprint } from "./similarity/index.js";

/** Stories further apart than this are different events, however alike they read. */
export const CLUSTER_WINDOW_MS = 48 * 60 * 60 * 1000;

/** The story being ingested. */
export interface ClusterCandidate {
  fingerprint: Fingerprint;
  publishedAt: Date;
  /** Not part of the decision: a feed re-posting an updated headline is the same event too. */
  sourceName: string;
}

/** A stored story the candidate may join. */
export interface RecentStory extends ClusterCandidate {
  storyId: number;
  /** null for a story stored before it had a cluster: its own id then stands for the cluster. */
  clusterId: number | null;
}

export interface ClusterAssignment {
  /** The cluster to join, or null: start a new one (the caller uses the story's own id). */
  clusterId: number | null;
  matchedStoryId: number | null;
  /** Similarity to the best recent story within the window, even when below the threshold (0 if none). */
  score: number;
}

/**
 * Picks the cluster of the most similar recent story published within 48 hours of the candidate.
 * Ties go to the story closest in time. Pure: the caller loads `recent` (all of it, or
 * ClusterIndex.candidates) and writes the result.
 */
export function assignCluster(candidate: ClusterCandidate, recent: readonly RecentStory[], now: Date): ClusterAssignment {
  const at = effectiveTime(candidate.publishedAt, now);
  let best: RecentStory | null = null;
  let bestScore = 0;
  let bestGap = Infinity;
  for (const story of recent) {
    const gap = Math.abs(at - effectiveTime(story.publishedAt, now));
    if (gap > CLUSTER_WINDOW_MS) continue;
    const score = similarity(candidate.fingerprint, story.fingerprint);
    if (score > bestScore || (score === bestScore && best !== null && gap < bestGap)) {
      best = story;
      bestScore = score;
      bestGap = gap;
    }
  }
  if (best === null || bestScore < SAME_EVENT_THRESHOLD) return { clusterId: null, matchedStoryId: null, score: bestScore };
  return { clusterId: best.clusterId ?? best.storyId, matchedStoryId: best.storyId, score: bestScore };
}

/** Feeds post-date items by mistake (wrong zone, scheduled posts); nothing is published after now. */
function effectiveTime(publishedAt: Date, now: Date): number {
  const time = publishedAt.getTime();
  return Number.isNaN(time) ? now.getTime() : Math.min(time, now.getTime());
}
