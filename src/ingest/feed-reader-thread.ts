// The worker side of feed-reader-pool.ts: reads fetched feeds into stories off the main thread.
import { parentPort } from "node:worker_threads";
import { createTagger, type Tagger } from "../topics/tagger.js";
import type { Topic } from "../topics/topic.js";
import { feedStories, type FeedSource, type FetchedBody } from "./feed-stories.js";

export interface FeedReadRequest {
  id: number;
  fetched: FetchedBody;
  source: FeedSource;
  nowMs: number;
  /** Sent when the topics changed since the last request (and with the first); else null. */
  topics: Topic[] | null;
}

let tagger: Tagger | null = null;

parentPort?.on("message", (request: FeedReadRequest) => {
  try {
    if (request.topics !== null) tagger = createTagger(request.topics);
    if (tagger === null) throw new Error("feed reader thread got a feed before any topics");
    const result = feedStories(request.fetched, request.source, { now: new Date(request.nowMs), tagger });
    parentPort?.postMessage({ id: request.id, result });
  } catch (error) {
    parentPort?.postMessage({ id: request.id, error: error instanceof Error ? error.message : String(error) });
  }
});
