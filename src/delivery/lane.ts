import type { Kysely } from "kysely";
import { lastSendByChat } from "../db/chat-send-queries.js";
import { claimDueDeliveries, deferChat, failDelivery, nextDueAt, rescheduleDelivery, startSend, type Delivery } from "../db/delivery-queries.js";
import type { Database } from "../db/schema.js";
import type { Logger } from "../logger.js";
import type { AlertChannel } from "./alert-channel.js";
import { callChannel } from "./call-channel.js";
import { chooseHeld } from "./choose-held.js";
import { ClaimSet, type Held } from "./claim-set.js";
import { InFlightLimit } from "./in-flight-limit.js";
import type { InvalidRequestBudget } from "./invalid-request-budget.js";
import { isInvalidRequest } from "./invalid-request-budget.js";
import { OutageBreaker } from "./outage-breaker.js";
import { prepareDelivery, type PrepareDeps } from "./prepare.js";
import type { ArrivalWindows, SendTicket } from "./rate-limit/arrival-windows.js";
import type { SendLimiter } from "./rate-limit/send-limiter.js";
import type { SendResult } from "./send-result.js";
import { settleDelivery, type SettleDeps, type SettleOutcome } from "./settle.js";

export type DeliveryOutcome = SettleOutcome["outcome"] | "rate-limited-locally" | "dropped";

export interface OutcomeEvent {
  platform: string;
  kind: Delivery["kind"];
  outcome: DeliveryOutcome;
  /** From the story's publication to the platform accepting the alert (sent alerts). */
  latencyMs?: number;
  /** From the outbox row's creation to the platform accepting it (sent rows). */
  queuedMs?: number;
  /** Gone: how many queued deliveries of the chat were dropped. */
  dropped?: number;
}

export interface LaneOptions {
  db: Kysely<Database>;
  channel: AlertChannel;
  /** Token buckets: an even pace within every published limit. */
  limiter: SendLimiter;
  /** The published windows counted on arrival: no network jitter can turn the pace into a 429. */
  windows: ArrivalWindows;
  logger: Logger;
  clock: () => number;
  prepare: Omit<PrepareDeps, "db" | "canEdit">;
  settle: Omit<SettleDeps, "db" | "limiter" | "logger">;
  leaseMs: number;
  /** Claimed rows held in memory at most; also the claim size. */
  batchSize: number;
  /** Platform calls in flight at most (different chats: one chat has one row claimed at a time). */
  concurrency: number;
  /** Sends a second the platform's global bucket allows (Infinity when unlimited): sizes the calls kept in flight. */
  sendsPerSecond: number;
  idlePollMs: number;
  /** A row whose chat must wait longer than this goes back to the outbox instead of memory. */
  holdMaxMs: number;
  /** Consecutive transient failures after which the whole platform pauses (an outage, not one bad message). */
  outageAfter: number;
  budget?: InvalidRequestBudget;
  onOutcome?: (event: OutcomeEvent) => void;
}

export interface Lane {
  readonly platform: string;
  /** Sends until stopped. */
  run(): Promise<void>;
  /** Sends until nothing is due now and nothing is in flight; returns the platform calls made. */
  drain(): Promise<number>;
  wake(): void;
  /** Stops claiming, lets in-flight calls finish, returns held claims to the outbox. */
  stop(): Promise<void>;
}

type Step = { send: Held } | { waitMs: number };

/**
 * One platform's sender: claims the heads of chats' queues, holds them until their rate-limit
 * buckets allow, and calls the platform with as few calls in flight as keep up with its rate.
 * A global wait is slept here (no other send could go either); a chat's short wait keeps the row
 * in memory; a long one (a 429) sends it back to the outbox with the rest of its chat.
 */
export function createLane(opts: LaneOptions): Lane {
  const { db, channel, limiter, clock, logger: log } = opts;
  const platform = channel.platform;
  const prepareDeps: PrepareDeps = { ...opts.prepare, db, canEdit: typeof channel.edit === "function" };
  const settleDeps: SettleDeps = { ...opts.settle, db, limiter, logger: log };
  const claims = new ClaimSet(db, opts.leaseMs, log);
  const held = claims.held;
  const inFlightLimit = new InFlightLimit(opts.concurrency, opts.sendsPerSecond);
  const breaker = new OutageBreaker(opts.outageAfter);
  const inFlight = new Set<Promise<void>>();
  const isGroup = (chatId: string) => channel.isGroupChat?.(chatId) ?? false;
  let stopping = false;
  let wakeRequested = false;
  let interrupt: (() => void) | undefined;
  let lastClaimAt = Number.NEGATIVE_INFINITY;
  let lastClaimed = 0;
  let refilling: Promise<void> | undefined;

  function sleep(ms: number): Promise<void> {
    // A wake during a claim is served by the next claim (shouldClaim), not by skipping this sleep.
    if (stopping || (wakeRequested && !refilling) || ms <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        interrupt = undefined;
        resolve();
      }
      interrupt = done;
    });
  }

  async function idleSleep(): Promise<void> {
    const due = await nextDueAt(db, [platform]);
    const now = clock();
    // Due already yet not claimed: its chat has a row in flight in another process; look again soon.
    const wait = due === null ? opts.idlePollMs : due <= now ? Math.min(opts.idlePollMs, 100) : Math.min(opts.idlePollMs, due - now);
    await sleep(wait);
  }

  async function refill(now: number): Promise<void> {
    lastClaimed = 0;
    const rows = await claimDueDeliveries(db, { platforms: [platform], limit: opts.batchSize - held.length, leaseMs: opts.leaseMs, now });
    lastClaimed = rows.length;
    // Another dispatch worker may have sent these chats' last messages: per-chat limits count them.
    const lastSends = rows.length === 0 ? new Map<string, number>() : await lastSendByChat(db, platform, rows.map((d) => d.chatId));
    for (const [chatId, at] of lastSends) limiter.noteSend({ chatId, isGroup: isGroup(chatId) }, at);
    const ready: Held[] = [];
    for (const delivery of rows) {
      const prepared = await prepareDelivery(prepareDeps, delivery, now);
      if (prepared.kind === "drop") {
        await failDelivery(db, delivery.id, "dropped", prepared.reason, now);
        opts.onOutcome?.({ platform, kind: delivery.kind, outcome: "dropped" });
      } else if (prepared.kind === "later") {
        await rescheduleDelivery(db, delivery.id, prepared.at, prepared.reason, { countAttempt: true }, now);
      } else {
        if (delivery.recoveredLeases > 0) log.warn({ delivery: delivery.id, recoveredLeases: delivery.recoveredLeases }, "re-sending a delivery whose send had started before its process stopped (it may arrive twice)");
        ready.push({ delivery, prepared, lease: delivery.leaseUntil ?? now + opts.leaseMs });
      }
    }
    claims.add(ready);
  }

  /** One claim at a time; it runs beside the sends, so they keep their pace while rows are prepared. */
  function startRefill(): Promise<void> {
    const now = clock();
    lastClaimAt = now;
    wakeRequested = false;
    refilling ??= refill(now)
      .catch((error: unknown) => log.error({ err: error, platform }, "claiming deliveries failed; retrying shortly"))
      .finally(() => (refilling = undefined));
    return refilling;
  }

  function shouldClaim(now: number): boolean {
    if (refilling || held.length >= opts.batchSize) return false;
    if (wakeRequested || held.length === 0) return true;
    // Top up before the held rows run out, without a claim per send.
    return held.length <= opts.batchSize / 2 && now - lastClaimAt >= 50;
  }

  /** Applies `chooseHeld`: the row to send now, or how long to wait; rows whose chat waits long go back. */
  async function pick(now: number): Promise<Step> {
    const choice = chooseHeld(held, { windows: opts.windows, buckets: limiter, isGroup, holdMaxMs: opts.holdMaxMs }, now);
    if (choice.send) claims.remove(choice.send);
    for (const d of choice.defer) claims.remove(d.held);
    for (const d of choice.defer) {
      await deferChat(db, d.held.delivery.id, d.held.delivery, d.until, `waiting for the ${d.scope} rate limit`, { countAttempt: true }, now);
      opts.onOutcome?.({ platform, kind: d.held.delivery.kind, outcome: "rate-limited-locally" });
    }
    if (choice.send) return { send: choice.send };
    if (choice.globalWaitMs !== undefined && choice.globalWaitMs > opts.holdMaxMs) {
      // A long global wait (a global 429, an outage pause): every held row goes back, due when it ends.
      await claims.release(now + choice.globalWaitMs, now);
      return { waitMs: 0 };
    }
    return { waitMs: choice.globalWaitMs ?? choice.waitMs };
  }

  async function sendOne(h: Held, ticket: SendTicket): Promise<void> {
    const { delivery } = h;
    const began = clock();
    // Recorded before the call: a crash from here on may leave a message the outbox does not know was sent.
    const lease = await startSend(db, delivery.id, h.lease, opts.leaseMs, clock());
    if (lease === undefined) {
      ticket.finish(clock());
      log.warn({ delivery: delivery.id }, "lost the claim before sending (this process stalled past its lease); not sending it");
      return;
    }
    claims.startedSending(delivery.id, lease);
    let result: SendResult;
    try {
      result = await callChannel(channel, h, clock);
    } finally {
      // The platform counted it at some moment before this answer: the windows count it until then.
      ticket.finish(clock());
      claims.doneSending(delivery.id);
    }
    const now = clock();
    if (opts.budget && isInvalidRequest(result)) opts.budget.record(now);
    const settled = await settleDelivery(settleDeps, delivery, h.prepared, result, now);
    inFlightLimit.record(clock() - began);
    const pauseMs = breaker.record(settled.outcome === "transient" || settled.outcome === "retry-after" ? settled.outcome : "other");
    if (pauseMs > 0) {
      limiter.pause("global", delivery.chatId, now + pauseMs);
      log.warn({ platform, consecutiveFailures: breaker.consecutiveFailures, pauseMs }, "platform keeps failing; pausing all sends to it");
    }
    opts.onOutcome?.({
      platform,
      kind: delivery.kind,
      outcome: settled.outcome,
      ...(settled.outcome === "sent" ? { queuedMs: now - delivery.createdAt.getTime() } : {}),
      ...(settled.outcome === "sent" && h.prepared.kind === "alert" ? { latencyMs: now - h.prepared.alert.publishedAt.getTime() } : {}),
      ...(settled.outcome === "gone" ? { dropped: settled.dropped } : {}),
    });
  }

  function launch(h: Held): void {
    const slowdown = opts.budget?.slowdownMs(clock()) ?? 0;
    if (slowdown > 0) limiter.pause("global", h.delivery.chatId, clock() + slowdown);
    const ticket = opts.windows.start({ chatId: h.delivery.chatId, isGroup: isGroup(h.delivery.chatId) });
    const task = sendOne(h, ticket).catch((error: unknown) => {
      ticket.finish(clock());
      log.error({ err: error, delivery: h.delivery.id }, "delivery bookkeeping failed; the lease will expire and it will be retried");
    });
    inFlight.add(task);
    void task.finally(() => inFlight.delete(task));
  }

  async function pump(untilIdle: boolean): Promise<number> {
    let calls = 0;
    let lastYield = clock();
    while (!stopping) {
      // SQLite calls resolve without touching the event loop: give timers and sockets a turn.
      if (clock() - lastYield >= 20) {
        await new Promise((r) => setImmediate(r));
        lastYield = clock();
      }
      await claims.renewIfDue(clock());
      if (shouldClaim(clock())) {
        const claiming = startRefill();
        if (held.length === 0) await claiming;
      }
      if (held.length === 0) {
        if (refilling) await refilling;
        // A finished call frees its chat's next row: wait for one before calling it idle.
        else if (inFlight.size > 0) await Promise.race(inFlight);
        else if (lastClaimed > 0) continue;
        else if (untilIdle) break;
        else await idleSleep();
        continue;
      }
      if (inFlight.size >= inFlightLimit.value) {
        await Promise.race(inFlight);
        continue;
      }
      const step = await pick(clock());
      if ("send" in step) {
        launch(step.send);
        calls++;
      } else if (step.waitMs > 0) {
        await sleep(step.waitMs);
      }
    }
    await Promise.all(inFlight);
    await refilling;
    return calls;
  }

  let running: Promise<unknown> | undefined;

  async function guarded(untilIdle: boolean): Promise<number> {
    let calls = 0;
    for (;;) {
      try {
        calls += await pump(untilIdle);
        return calls;
      } catch (error) {
        log.error({ err: error, platform }, "dispatcher pass failed; retrying shortly");
        await new Promise((r) => setTimeout(r, opts.idlePollMs));
        if (stopping) return calls;
      }
    }
  }

  return {
    platform,
    async run() {
      stopping = false;
      const task = guarded(false);
      running = task;
      await task;
    },
    async drain() {
      stopping = false;
      const task = guarded(true);
      running = task;
      return task;
    },
    wake() {
      wakeRequested = true;
      interrupt?.();
    },
    async stop() {
      stopping = true;
      interrupt?.();
      await running;
      await Promise.all(inFlight);
      await refilling;
      await claims.release(clock(), clock());
    },
  };
}
