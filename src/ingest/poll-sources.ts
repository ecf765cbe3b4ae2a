import type { Kysely } from "kysely";
import type { Database } from "../db/schema.js";
import { claimDueSources, recordPoll, type Source, type SourcePollUpdate } from "../db/source-queries.js";
import type { Logger } from "../logger.js";
import type { Clusterer } from "../stories/clusterer.js";
import type { Tagger } from "../topics/tagger.js";
import { fetchFeed, type FetchOptions, type FetchResult, type HostLimiter } from "./fetch/index.js";
import { feedStories, type FeedSource, type FeedStories, type FetchedBody } from "./feed-stories.js";
import { failureDelaySeconds, PAUSE_AFTER_FAILURES, successDelaySeconds } from "./poll-schedule.js";
import { storeStories } from "./store-stories.js";

export type PollOutcome =
  | { status: "ok"; new: number; duplicate: number; alertable: number; warning: string | null }
  | { status: "not-modified" }
  | { status: "failed"; error: string; paused: boolean };

export interface SourcePollReport {
  sourceId: number;
  name: string;
  url: string;
  outcome: PollOutcome;
}

export interface PollDeps {
  db: Kysely<Database>;
  tagger: Tagger;
  clusterer: Clusterer;
  logger: Logger;
  hostLimiter: HostLimiter;
  now?: () => Date;
  fetch?: (url: string, opts: FetchOptions) => Promise<FetchResult>;
  fetchOptions?: Partial<FetchOptions>;
  signal?: AbortSignal;
  /** Parses and normalises a fetched feed; by default on this thread with `tagger` (see feed-reader-pool.ts). */
  readFeed?: ReadFeed;
}

/** feedStories wherever it runs: here, or on a worker thread. */
export type ReadFeed = (fetched: FetchedBody, source: FeedSource, now: Date) => Promise<FeedStories>;

const readInThread =
  (tagger: Tagger): ReadFeed =>
  async (fetched, source, now) =>
    feedStories(fetched, source, { now, tagger });

async function pollOne(source: Source, deps: PollDeps): Promise<SourcePollReport> {
  const now = deps.now?.() ?? new Date();
  const report = (outcome: PollOutcome): SourcePollReport => ({ sourceId: source.id, name: source.name, url: source.url, outcome });
  const fail = async (error: string, retryAfterSeconds?: number): Promise<SourcePollReport> => {
    const failures = source.consecutiveFailures + 1;
    const paused = failures >= PAUSE_AFTER_FAILURES;
    await recordPoll(
      deps.db,
      source.id,
      { last_error: error, consecutive_failures: failures, paused: paused ? 1 : 0, next_poll_at: now.getTime() + failureDelaySeconds(source.everySeconds, failures, retryAfterSeconds) * 1000 },
      now.getTime(),
    );
    deps.logger.warn({ source: source.id, url: source.url, failures, paused, error }, paused ? "source paused after repeated failures" : "source poll failed");
    return report({ status: "failed", error, paused });
  };

  const fetched = await (deps.fetch ?? fetchFeed)(source.url, {
    ...deps.fetchOptions,
    etag: source.etag,
    lastModified: source.lastModified,
    previousBodyHash: source.bodyHash,
    hostLimiter: deps.hostLimiter,
    signal: deps.signal,
  });
  if (fetched.status === "error") return fail(fetched.message, fetched.retryAfterSeconds);

  const base: SourcePollUpdate = {
    consecutive_failures: 0,
    last_error: null,
    paused: 0,
    // A permanent redirect all the way means the feed moved: poll its new address from now on.
    ...(fetched.permanentRedirectTo ? { url: fetched.permanentRedirectTo } : {}),
  };
  if (fetched.status === "not-modified" || fetched.status === "unchanged") {
    const feedInterval = fetched.cacheControlMaxAgeSeconds ?? source.feedIntervalSeconds;
    await recordPoll(
      deps.db,
      source.id,
      {
        ...base,
        etag: fetched.etag ?? source.etag,
        last_modified: fetched.lastModified ?? source.lastModified,
        next_poll_at: now.getTime() + successDelaySeconds(source.everySeconds, feedInterval) * 1000,
      },
      now.getTime(),
    );
    return report({ status: "not-modified" });
  }

  // The first poll stores what the feed holds now without alerting it: no flood of old news.
  const read = await (deps.readFeed ?? readInThread(deps.tagger))(
    { body: fetched.body, url: fetched.finalUrl, contentType: fetched.contentType },
    { id: source.id, name: source.name, namedByUser: source.namedByUser, topics: source.topics, breaking: source.breaking, alert: source.primed },
    now,
  );
  if (read.status === "refused") return fail(read.error);
  if (read.status === "not-a-feed") {
    return fail(read.alternates.length > 0 ? `not a feed; the page links to ${read.alternates.join(", ")}` : `not a feed: ${read.error}`);
  }
  const { name, stories, warning } = read;
  const counts = await storeStories(deps.db, stories, { clusterer: deps.clusterer, now });
  const feedInterval = Math.max(read.ttlMinutes !== null ? read.ttlMinutes * 60 : 0, fetched.cacheControlMaxAgeSeconds ?? 0) || null;
  await recordPoll(
    deps.db,
    source.id,
    {
      ...base,
      name,
      etag: fetched.etag,
      last_modified: fetched.lastModified,
      body_hash: fetched.bodyHash,
      primed: 1,
      // A partly readable feed still counts as polled, but users see why items may be missing.
      last_error: warning,
      feed_interval_seconds: feedInterval,
      next_poll_at: now.getTime() + successDelaySeconds(source.everySeconds, feedInterval) * 1000,
    },
    now.getTime(),
  );
  return report({ status: "ok", new: counts.new, duplicate: counts.duplicate, alertable: counts.alertable, warning });
}

/**
 * Polls every due source once. Sources run concurrently (a per-host limiter keeps it polite),
 * so a slow or failing feed never delays the others; one source's error never stops the pass.
 * Due sources are leased a batch at a time as the pass works through them, so several ingest
 * processes share a backlog instead of the first one leasing all of it.
 */
export async function pollDueSources(deps: PollDeps, opts: { all?: boolean; concurrency?: number; leaseMs?: number } = {}): Promise<SourcePollReport[]> {
  const concurrency = opts.concurrency ?? 16;
  // --all re-polls sources that are not due: one claim, or the pass would take them again.
  const batch = opts.all ? 1000 : concurrency;
  const queue: Source[] = [];
  let exhausted = false;
  let claiming: Promise<void> | undefined;
  const claim = () =>
    (claiming ??= (async () => {
      const now = (deps.now?.() ?? new Date()).getTime();
      const due = await claimDueSources(deps.db, { now, leaseMs: opts.leaseMs ?? 120_000, limit: batch, all: opts.all });
      queue.push(...due);
      if (opts.all || due.length < batch) exhausted = true;
    })().finally(() => (claiming = undefined)));
  const next = async (): Promise<Source | undefined> => {
    while (queue.length === 0 && !exhausted) await claim();
    return queue.shift();
  };
  const reports: SourcePollReport[] = [];
  const worker = async () => {
    for (let source = await next(); source; source = await next()) {
      try {
        reports.push(await pollOne(source, deps));
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        deps.logger.error({ err: error, source: source.id }, "polling a source failed unexpectedly");
        reports.push({ sourceId: source.id, name: source.name, url: source.url, outcome: { status: "failed", error: message, paused: false } });
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return reports.sort((a, b) => a.sourceId - b.sourceId);
}
