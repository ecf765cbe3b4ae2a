// Pending updates and the getUpdates long polls waiting for them. An update stays queued until a
// getUpdates call confirms it with a higher offset, exactly as on the real server, so a bot that
// forgets to advance its offset sees the same update again.
import type { Update } from "grammy/types";
import { ApiFailure, telegramErrors } from "./telegram-errors.js";

export type NewUpdate = Omit<Update, "update_id">;

export interface PollRequest {
  offset: number;
  limit: number;
  timeoutSeconds: number;
  signal: AbortSignal;
}

export interface UpdateQueue {
  push(update: NewUpdate): Update;
  poll(request: PollRequest): Promise<Update[]>;
  pendingCount(): number;
  dropPending(): void;
  /** Resolves once some getUpdates call is parked waiting for updates. */
  waitForPoller(timeoutMs: number): Promise<void>;
  /** Answers every parked poll with an empty batch and stops parking new ones. */
  releaseAll(): void;
}

interface Poller {
  offset: number;
  limit: number;
  finish(outcome: { updates: Update[] } | { error: ApiFailure }): void;
}

export function createUpdateQueue(firstUpdateId: number): UpdateQueue {
  let nextId = firstUpdateId;
  let pending: Update[] = [];
  let released = false;
  const pollers = new Set<Poller>();
  const pollerWatchers = new Set<() => void>();

  const available = (offset: number, limit: number) => pending.filter((u) => u.update_id >= offset).slice(0, limit);

  function confirm(offset: number): number {
    // A negative offset keeps only the last -offset updates and forgets the rest.
    if (offset < 0) {
      pending = pending.slice(offset);
      return 0;
    }
    if (offset > 0) pending = pending.filter((u) => u.update_id >= offset);
    return offset;
  }

  return {
    push(update) {
      const full = { ...update, update_id: nextId++ } as Update;
      pending.push(full);
      for (const poller of pollers) {
        const batch = available(poller.offset, poller.limit);
        if (batch.length > 0) poller.finish({ updates: batch });
      }
      return full;
    },

    poll({ offset, limit, timeoutSeconds, signal }) {
      const from = confirm(offset);
      const ready = available(from, limit);
      if (ready.length > 0 || timeoutSeconds <= 0 || released || signal.aborted) return Promise.resolve(ready);
      // Two long polls at once means two bot instances: Telegram ends the older one with 409.
      // Short polls do not, so grammY's own confirming call in bot.stop() causes no noise.
      for (const poller of pollers) {
        poller.finish({ error: new ApiFailure(telegramErrors.conflict("terminated by other getUpdates request; make sure that only one bot instance is running")) });
      }
      return new Promise((resolve, reject) => {
        const onAbort = () => poller.finish({ updates: [] });
        const timer = setTimeout(onAbort, timeoutSeconds * 1000);
        const poller: Poller = {
          offset: from,
          limit,
          finish(outcome) {
            clearTimeout(timer);
            signal.removeEventListener("abort", onAbort);
            pollers.delete(poller);
            if ("error" in outcome) reject(outcome.error);
            else resolve(outcome.updates);
          },
        };
        signal.addEventListener("abort", onAbort, { once: true });
        pollers.add(poller);
        for (const notify of pollerWatchers) notify();
      });
    },

    pendingCount: () => pending.length,
    dropPending() {
      pending = [];
    },

    waitForPoller(timeoutMs) {
      if (pollers.size > 0) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          pollerWatchers.delete(notify);
          reject(new Error(`waitForPoll: no getUpdates long poll arrived within ${timeoutMs} ms; is the bot started?`));
        }, timeoutMs);
        const notify = () => {
          clearTimeout(timer);
          pollerWatchers.delete(notify);
          resolve();
        };
        pollerWatchers.add(notify);
      });
    },

    releaseAll() {
      released = true;
      for (const poller of pollers) poller.finish({ updates: [] });
    },
  };
}
