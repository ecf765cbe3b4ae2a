import type { BucketLimit } from "./token-bucket.js";
import { TokenBucket } from "./token-bucket.js";

export interface KeyedBucketsOptions {
  clock: () => number;
  startFull: boolean;
  /** With `startFull: false`: when the process started. A key first seen later has refilled since. */
  startedAt: number;
}

/**
 * One bucket per key (chat id), created on first use and dropped once idle. A dropped bucket was
 * full, and a new one for the same key starts full once the limiter has run long enough for it
 * to refill, so dropping loses nothing; memory follows the chats sent to recently, not all chats.
 */
export class KeyedBuckets {
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(
    private readonly limit: BucketLimit,
    private readonly options: KeyedBucketsOptions,
  ) {}

  /** The key's bucket, or the one it would get, without storing it: checking costs no memory. */
  peek(key: string): TokenBucket {
    return this.buckets.get(key) ?? this.fresh();
  }

  /** Stores the bucket `peek` returned (a no-op when it was already stored). */
  keep(key: string, bucket: TokenBucket): void {
    if (!this.buckets.has(key)) this.buckets.set(key, bucket);
  }

  evictIdle(now: number): void {
    for (const [key, bucket] of this.buckets) {
      if (bucket.isIdle(now)) this.buckets.delete(key);
    }
  }

  get size(): number {
    return this.buckets.size;
  }

  private fresh(): TokenBucket {
    return new TokenBucket({
      ...this.limit,
      clock: this.options.clock,
      startFull: this.options.startFull,
      emptyAt: this.options.startedAt,
    });
  }
}
