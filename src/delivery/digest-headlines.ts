import type { DigestEntry } from "../db/digest-queries.js";
import type { Digest, DigestHeadline, DigestSection } from "./digest.js";

export const DIGEST_HEADLINES = 10;

interface Ranked {
  topic: string;
  headline: DigestHeadline;
}

/**
 * The top stories of a digest's items: one headline per cluster (the first story the chat was
 * filed), ranked breaking first, then by how many outlets carried it, then newest; the best
 * `max` grouped by topic, topics ordered by their best story.
 */
export function selectDigest(entries: readonly DigestEntry[], sourceCounts: ReadonlyMap<number, number>, opts: { timezone: string; max?: number }): Digest {
  const max = opts.max ?? DIGEST_HEADLINES;
  const byCluster = new Map<string, Ranked>();
  for (const e of entries) {
    const key = e.clusterId === null ? `story:${e.storyId}` : `cluster:${e.clusterId}`;
    const seen = byCluster.get(key);
    if (seen) {
      seen.headline.breaking ||= e.breaking;
      continue;
    }
    const outlets = e.clusterId === null ? 1 : (sourceCounts.get(e.clusterId) ?? 1);
    byCluster.set(key, {
      topic: e.topic,
      headline: { storyId: e.storyId, title: e.title, url: e.url, source: e.source, publishedAt: e.publishedAt, breaking: e.breaking, otherSources: Math.max(0, outlets - 1) },
    });
  }
  const ranked = [...byCluster.values()].sort(
    (a, b) =>
      Number(b.headline.breaking) - Number(a.headline.breaking) ||
      b.headline.otherSources - a.headline.otherSources ||
      b.headline.publishedAt.getTime() - a.headline.publishedAt.getTime() ||
      a.headline.storyId - b.headline.storyId,
  );
  const sections: DigestSection[] = [];
  for (const r of ranked.slice(0, max)) {
    const section = sections.find((s) => s.topic === r.topic);
    if (section) section.headlines.push(r.headline);
    else sections.push({ topic: r.topic, headlines: [r.headline] });
  }
  return {
    reason: entries.length > 0 && entries.every((e) => e.reason === "quiet") ? "quiet-hours" : "scheduled",
    total: ranked.length,
    sections,
    more: Math.max(0, ranked.length - max),
    timezone: opts.timezone,
  };
}
