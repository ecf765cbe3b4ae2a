import { KeyedBuckets } from "./keyed-buckets.js";
import type { PlatformRateLimits } from "./rate-limits.js";
import type { BucketLimit } from "./token-bucket.js";
import { TokenBucket } from "./token-bucket.js";

/** Where one message goes. */
export interface SendTarget {
  chatId: string;
  /** Group chats pass through the platform's perGroup bucket as well. */
  isGroup?: boolean;
}

export type LimitScope = "chat" | "group" | "global";

export type AcquireResult = { ok: true } | { ok: false; waitMs: number; scope: LimitScope };

export interface SendLimiterOptions {
  /** Milliseconds since the epoch; defaults to Date.now. */
  clock?: () => number;
  /** false (the default): every bucket starts as if it had just been emptied when the limiter was built. */
  startFull?: boolean;
  /** How often idle chat buckets are dropped; the sweep is a pass over the buckets in use. */
  sweepEveryMs?: number;
}

// A scope without a configured limit still needs a bucket a 429 can pause: it refills instantly.
const UNLIMITED: BucketLimit = { capacity: 1, refillPerSecond: Number.POSITIVE_INFINITY };

/**
 * The rate limits of one platform for one process. A send takes a token from every bucket it
 * passes through (chat, group, global) or from none, and a refusal names the exact wait and the
 * scope that imposed it, so the dispatcher can sleep or move on to another chat.
 */
export class SendLimiter {
  private readonly clock: () => number;
  private readonly chats: KeyedBuckets;
  private readonly groups: KeyedBuckets | undefined;
  private readonly global: TokenBucket;
  private readonly sweepEveryMs: number;
  private lastSweep: number;

  constructor(limits: PlatformRateLimits, options: SendLimiterOptions = {}) {
    this.clock = options.clock ?? Date.now;
    const startedAt = this.clock();
    const keyed = { clock: this.clock, startFull: options.startFull ?? false, startedAt };
    this.chats = new KeyedBuckets(limits.perChat ?? UNLIMITED, keyed);
    this.groups = limits.perGroup && new KeyedBuckets(limits.perGroup, keyed);
    this.global = new TokenBucket({
      ...(limits.global ?? UNLIMITED),
      clock: this.clock,
      startFull: keyed.startFull,
      emptyAt: startedAt,
    });
    this.sweepEveryMs = options.sweepEveryMs ?? 60_000;
    this.lastSweep = startedAt;
  }

  tryAcquire(target: SendTarget, now: number = this.clock()): AcquireResult {
    this.sweepIfDue(now);
    const chat = this.chats.peek(target.chatId);
    const group = target.isGroup ? this.groups?.peek(target.chatId) : undefined;
    const passes: [LimitScope, TokenBucket | undefined][] = [
      ["chat", chat],
      ["group", group],
      ["global", this.global],
    ];

    // All or none: check every bucket before taking from any. The longest wait is exact: buckets
    // only gain tokens over time, so after it every one has a token unless another send took it.
    let longest: { waitMs: number; scope: LimitScope } | undefined;
    for (const [scope, bucket] of passes) {
      const waitMs = bucket?.waitMs(now) ?? 0;
      if (waitMs > (longest?.waitMs ?? 0)) longest = { waitMs, scope };
    }
    if (longest) return { ok: false, ...longest };

    for (const [, bucket] of passes) bucket?.take(now);
    this.chats.keep(target.chatId, chat);
    if (group) this.groups?.keep(target.chatId, group);
    return { ok: true };
  }

  /**
   * A send to `target` made at `at` by any process (the outbox records the last one per chat):
   * with several dispatch workers, the one that sends a chat's next message may not be the one
   * that sent the last, so its chat and group buckets start from the shared record.
   */
  noteSend(target: SendTarget, at: number): void {
    const chat = this.chats.peek(target.chatId);
    chat.noteTakenAt(at);
    this.chats.keep(target.chatId, chat);
    const group = target.isGroup ? this.groups?.peek(target.chatId) : undefined;
    if (group) {
      group.noteTakenAt(at);
      this.groups?.keep(target.chatId, group);
    }
  }

  /**
   * Applies a 429 to exactly what it names: the chat's bucket, or the whole platform when the
   * platform said the limit was global. Nothing passes before `until`.
   */
  pause(scope: "chat" | "global", chatId: string, until: number): void {
    if (scope === "global") {
      this.global.pauseUntil(until);
      return;
    }
    const chat = this.chats.peek(chatId);
    chat.pauseUntil(until);
    this.chats.keep(chatId, chat);
  }

  /** Chat and group buckets held in memory; for metrics and tests. */
  get trackedKeys(): number {
    return this.chats.size + (this.groups?.size ?? 0);
  }

  private sweepIfDue(now: number): void {
    if (now - this.lastSweep < this.sweepEveryMs) return;
    this.lastSweep = now;
    this.chats.evictIdle(now);
    this.groups?.evictIdle(now);
  }
}
