// Small builders for delivery tests: stories and subscriptions in a temp database, a channel
// whose answers a test scripts call by call, and a logger that keeps its lines.
import type { Kysely } from "kysely";
import type { Database } from "../../src/db/schema.js";
import { insertStory, type NewStory } from "../../src/db/story-queries.js";
import { subscribe, type SubscriptionMode } from "../../src/db/subscription-queries.js";
import type { AlertChannel, AlertTarget } from "../../src/delivery/alert-channel.js";
import type { Alert } from "../../src/delivery/alert.js";
import type { Digest } from "../../src/delivery/digest.js";
import type { SendResult } from "../../src/delivery/send-result.js";
import { createLogger, type Logger } from "../../src/logger.js";

let storySeq = 0;

export async function addStory(db: Kysely<Database>, over: Partial<NewStory> = {}): Promise<{ id: number; clusterId: number }> {
  const n = ++storySeq;
  const url = over.url ?? `https://news.example/story/${n}-${Math.random().toString(36).slice(2)}`;
  const result = await insertStory(db, {
    sourceId: null,
    sourceName: "Wire",
    guid: null,
    url,
    canonicalUrl: url,
    title: `Story ${n}`,
    summary: `Summary of story ${n}.`,
    section: null,
    topics: ["world"],
    publishedAt: new Date(),
    firstSeenAt: new Date(),
    breaking: false,
    alertable: true,
    clusterId: null,
    fingerprint: null,
    search: { title: "", body: "", source: "", section: "", topics: "" },
    ...over,
  });
  if (result.status !== "inserted") throw new Error("story was not inserted");
  return { id: result.id, clusterId: result.clusterId };
}

export async function follow(db: Kysely<Database>, platform: string, chatId: string, topic = "world", mode: SubscriptionMode = "instant", timezone = "UTC") {
  return (await subscribe(db, { platform, chatId, target: { topic }, mode, timezone })).subscription;
}

export interface Call {
  op: "send" | "edit" | "digest";
  chatId: string;
  storyId: number;
  messageId?: string;
  alert?: Alert;
  digest?: Digest;
}

/** Answers calls from a script (first matching rule wins, then "sent"), and records them. */
export function scriptedChannel(platform = "test", opts: { edit?: boolean; digest?: boolean } = {}) {
  const calls: Call[] = [];
  const rules: Array<{ when: (c: Call) => boolean; result: SendResult | (() => SendResult | Promise<SendResult>); left: number }> = [];
  let next = 1;
  async function answer(call: Call): Promise<SendResult> {
    calls.push(call);
    const i = rules.findIndex((r) => r.when(call));
    if (i >= 0) {
      const rule = rules[i] as (typeof rules)[number];
      if (--rule.left <= 0) rules.splice(i, 1);
      return typeof rule.result === "function" ? rule.result() : rule.result;
    }
    return { status: "sent", messageId: call.messageId ?? `m${next++}` };
  }
  const channel: AlertChannel & { calls: Call[]; answer(when: (c: Call) => boolean, result: SendResult | (() => SendResult | Promise<SendResult>), times?: number): void } = {
    platform,
    calls,
    answer(when, result, times = 1) {
      rules.push({ when, result, left: times });
    },
    send: (target: AlertTarget, alert: Alert) => answer({ op: "send", chatId: target.chatId, storyId: alert.storyId, alert }),
  };
  if (opts.edit !== false) channel.edit = (target, messageId, alert) => answer({ op: "edit", chatId: target.chatId, storyId: alert.storyId, messageId, alert });
  if (opts.digest !== false) channel.sendDigest = (target, digest) => answer({ op: "digest", chatId: target.chatId, storyId: digest.sections[0]?.headlines[0]?.storyId ?? 0, digest });
  return channel;
}

/** A logger whose JSON lines a test can read back. */
export function recordingLogger(): { logger: Logger; lines: Array<Record<string, unknown>> } {
  const lines: Array<Record<string, unknown>> = [];
  const logger = createLogger({ level: "debug", secrets: [], write: (line) => lines.push(JSON.parse(line) as Record<string, unknown>) });
  return { logger, lines };
}
