/** How many sends a bucket allows in a burst and how fast it earns them back. */
export interface BucketLimit {
  capacity: number;
  refillPerSecond: number;
  /**
   * A token taken up to this many ms after it was due counts as taken when due, so a sender
   * that wakes a little late (timers, a busy event loop) loses no rate. In any window of length
   * W at most `capacity - 1 + refillPerSecond · (W + catchUpMs) / 1000` tokens are taken.
   */
  catchUpMs?: number;
}

export type TakeResult = { ok: true } | { ok: false; waitMs: number };

export interface TokenBucketOptions extends BucketLimit {
  /** Milliseconds since the epoch; injectable so tests run on a fake clock. */
  clock?: () => number;
  /**
   * Start with every token (true) or none (false, the default): after a restart the platform
   * still counts the sends made just before it, so a full bucket would trip 429s.
   */
  startFull?: boolean;
  /** With `startFull: false`, when the bucket was empty; defaults to now. Tokens accrue from then. */
  emptyAt?: number;
}

// Float noise from fractional refill intervals (1000 / (20/60)) and epoch-sized timestamps stays
// far below this; without it a computed wait could be off by a rounding error and fail on retry.
const EPSILON_MS = 0.01;

/**
 * A token bucket kept as one timestamp: the moment it would be full again. Taking a token pushes
 * that moment one refill interval further; a token is available while the bucket is at most
 * `capacity - 1` intervals from full. Waits come out exact (rounded up to whole milliseconds).
 */
export class TokenBucket {
  readonly capacity: number;
  readonly refillPerSecond: number;
  private readonly msPerToken: number;
  private readonly catchUpMs: number;
  private readonly clock: () => number;
  private fullAt: number;
  private pausedUntil = Number.NEGATIVE_INFINITY;

  constructor(options: TokenBucketOptions) {
    if (!(options.capacity >= 1)) throw new RangeError(`capacity must be at least 1, got ${options.capacity}`);
    if (!(options.refillPerSecond > 0)) {
      throw new RangeError(`refillPerSecond must be above 0, got ${options.refillPerSecond}`);
    }
    this.capacity = options.capacity;
    this.refillPerSecond = options.refillPerSecond;
    this.msPerToken = 1000 / options.refillPerSecond;
    this.catchUpMs = Math.max(0, options.catchUpMs ?? 0);
    this.clock = options.clock ?? Date.now;
    this.fullAt = options.startFull
      ? Number.NEGATIVE_INFINITY
      : (options.emptyAt ?? this.clock()) + this.capacity * this.msPerToken;
  }

  /** Milliseconds until a token can be taken (0 = now), counting any pause. */
  waitMs(now: number = this.clock()): number {
    const refill = this.fullAt - now - (this.capacity - 1) * this.msPerToken;
    const paused = this.pausedUntil - now;
    const wait = Math.max(refill, paused);
    return wait > EPSILON_MS ? Math.ceil(wait - EPSILON_MS) : 0;
  }

  tryTake(now: number = this.clock()): TakeResult {
    const waitMs = this.waitMs(now);
    if (waitMs > 0) return { ok: false, waitMs };
    this.take(now);
    return { ok: true };
  }

  /** Takes a token unconditionally: for a caller that checked `waitMs` of several buckets first. */
  take(now: number = this.clock()): void {
    this.fullAt = Math.max(this.fullAt, now - this.catchUpMs) + this.msPerToken;
  }

  /**
   * Counts a token taken at `at`, possibly by another process (a send the database recorded):
   * the bucket is at least as empty as that one send left it. Knowing it twice changes nothing.
   */
  noteTakenAt(at: number): void {
    this.fullAt = Math.max(this.fullAt, at + this.msPerToken);
  }

  /** Allows nothing before `until` (a 429's retry-after). A later pause never shortens an earlier one. */
  pauseUntil(until: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, until);
  }

  /** Tokens available at `now`, fractional; for metrics and tests. */
  tokens(now: number = this.clock()): number {
    if (this.msPerToken === 0) return this.capacity;
    return this.capacity - Math.max(0, this.fullAt - now) / this.msPerToken;
  }

  /** Full and not paused: indistinguishable from a fresh full bucket, so a keyed limiter may drop it. */
  isIdle(now: number = this.clock()): boolean {
    return now >= this.fullAt && now >= this.pausedUntil;
  }
}
