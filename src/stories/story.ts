/** A stored story as every stage after ingest reads it. */
export interface Story {
  id: number;
  title: string;
  url: string;
  /** Display name of the source (feed title or `--source`). */
  source: string;
  section: string | null;
  summary: string;
  /** Topic slugs, e.g. ["world", "europe"]. */
  topics: string[];
  publishedAt: Date;
  breaking: boolean;
  clusterId: number | null;
}

/** The fields the query matcher and the search back-ends look at. */
export type MatchableStory = Pick<Story, "title" | "summary" | "source" | "section" | "topics" | "publishedAt">;
