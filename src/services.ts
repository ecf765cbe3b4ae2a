import type { Kysely } from "kysely";
import type { CommandServices } from "../commands/types.js";
import type { Database } from "./db/schema.js";
import { KeyedBuckets } from "./delivery/rate-limit/keyed-buckets.js";
import { createTopicDirectory } from "./topics/topic-directory.js";

export const SEARCHES_PER_MINUTE = 10;

/** The services commands and the CLI share; built here so both wire them the same way. */
export function createCommandServices(db: Kysely<Database>, opts: { defaultTimezone: string; clock?: () => Date }): CommandServices {
  const clock = opts.clock ?? (() => new Date());
  const now = () => clock().getTime();
  let lastSweep = now();
  const searches = new KeyedBuckets({ capacity: SEARCHES_PER_MINUTE, refillPerSecond: SEARCHES_PER_MINUTE / 60 }, { clock: now, startFull: true, startedAt: now() });
  return {
    db,
    topics: createTopicDirectory(db),
    defaultTimezone: opts.defaultTimezone,
    clock,
    searchLimiter: {
      take(key) {
        const bucket = searches.peek(key);
        const result = bucket.tryTake(now());
        searches.keep(key, bucket);
        // Idle users' buckets are full again: dropping them keeps memory to recent searchers.
        if (now() - lastSweep > 60_000) {
          lastSweep = now();
          searches.evictIdle(lastSweep);
        }
        return result;
      },
    },
  };
}
