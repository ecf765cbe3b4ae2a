import { Worker } from "node:worker_threads";
import { createTagger, type Tagger } from "../topics/tagger.js";
import type { Topic } from "../topics/topic.js";
import type { FeedReadRequest } from "./feed-reader-thread.js";
import { feedStories, type FeedStories } from "./feed-stories.js";
import type { ReadFeed } from "./poll-sources.js";

export interface FeedReaderThread {
  /** A ReadFeed for pollDueSources that tags with `topics`. */
  reader(topics: readonly Topic[]): ReadFeed;
  close(): Promise<void>;
}

type Reply = { id: number; result: FeedStories } | { id: number; error: string };

interface Pending {
  resolve: (result: FeedStories) => void;
  /** Reads the feed on this thread instead: used when the worker dies mid-request. */
  fallback: () => FeedStories;
}

/**
 * Parsing and normalising a feed (feed-stories.ts) on a worker thread: a 5 MB feed no longer
 * holds up command replies and deliveries for its parse, and on a machine with two cores the
 * next feed is read while this one is stored. Requests are answered in order, one at a time.
 * If the worker fails, pending and later feeds are read on the calling thread and a new
 * worker is started for the next one: a poll is never lost to it.
 */
export function createFeedReaderThread(opts: { onError?: (error: Error) => void } = {}): FeedReaderThread {
  let worker: Worker | null = null;
  let nextId = 1;
  const pending = new Map<number, Pending>();
  /** The topics the current worker tags with (by content), so they are sent only on change. */
  let workerTopicsKey: string | null = null;
  /** The tagger for reading on this thread when the worker cannot, kept for the latest topics. */
  let local: { key: string; tagger: Tagger } | null = null;

  const localTagger = (key: string, topics: readonly Topic[]): Tagger => {
    if (local?.key !== key) local = { key, tagger: createTagger(topics) };
    return local.tagger;
  };

  const failAll = (error: Error): void => {
    opts.onError?.(error);
    worker = null;
    workerTopicsKey = null;
    for (const [id, request] of pending) {
      pending.delete(id);
      request.resolve(request.fallback());
    }
  };

  const start = (): Worker => {
    const started = new Worker(new URL("./feed-reader-thread.mjs", import.meta.url));
    started.on("message", (reply: Reply) => {
      const request = pending.get(reply.id);
      if (request === undefined) return;
      pending.delete(reply.id);
      if (pending.size === 0) started.unref();
      request.resolve("error" in reply ? request.fallback() : reply.result);
      if ("error" in reply) opts.onError?.(new Error(`feed reader thread: ${reply.error}`));
    });
    started.on("error", (error) => {
      if (worker === started) failAll(error);
    });
    started.on("exit", (code) => {
      if (worker === started) failAll(new Error(`feed reader thread exited with code ${code}`));
    });
    return started;
  };

  return {
    reader(topics) {
      const key = JSON.stringify(topics);
      return (fetched, source, now) =>
        new Promise<FeedStories>((resolve) => {
          const fallback = () => feedStories(fetched, source, { now, tagger: localTagger(key, topics) });
          worker ??= start();
          const id = nextId++;
          pending.set(id, { resolve, fallback });
          const request: FeedReadRequest = { id, fetched, source, nowMs: now.getTime(), topics: key === workerTopicsKey ? null : [...topics] };
          workerTopicsKey = key;
          // Referenced only while it owes answers: an idle worker must not keep the process alive.
          worker.ref();
          worker.postMessage(request);
        });
    },
    async close() {
      const closing = worker;
      worker = null;
      if (closing !== null) await closing.terminate();
      for (const [id, request] of pending) {
        pending.delete(id);
        request.resolve(request.fallback());
      }
    },
  };
}
