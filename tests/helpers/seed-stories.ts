import type { Kysely } from "kysely";
import type { Database } from "../../src/db/schema.js";
import type { NewStory } from "../../src/db/story-queries.js";
import { storeStories } from "../../src/ingest/store-stories.js";
import { searchDocument } from "../../src/topics/query/search-document.js";

export interface SeedStory {
  title: string;
  summary?: string;
  source?: string;
  section?: string | null;
  topics?: string[];
  publishedAt?: Date;
  breaking?: boolean;
  alertable?: boolean;
  url?: string;
  clusterId?: number | null;
}

let counter = 0;

/** Stores stories through the same path ingest uses (dedupe, FTS triggers, topics). */
export async function seedStories(db: Kysely<Database>, stories: SeedStory[], now = new Date()): Promise<number[]> {
  const rows: NewStory[] = stories.map((s) => {
    counter++;
    const url = s.url ?? `https://news.example.test/story/${Date.now()}-${counter}`;
    const topics = s.topics ?? [];
    const summary = s.summary ?? "";
    const source = s.source ?? "Example Wire";
    return {
      sourceId: null,
      sourceName: source,
      guid: null,
      url,
      canonicalUrl: url,
      title: s.title,
      summary,
      section: s.section ?? null,
      topics,
      publishedAt: s.publishedAt ?? now,
      firstSeenAt: now,
      breaking: s.breaking ?? false,
      alertable: s.alertable ?? true,
      clusterId: s.clusterId ?? null,
      fingerprint: null,
      search: searchDocument({ title: s.title, summary, source, section: s.section ?? null, topics }),
    };
  });
  return (await storeStories(db, rows)).newIds;
}
