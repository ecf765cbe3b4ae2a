import type { Delivery } from "./db/delivery-queries.js";
import type { Source } from "./db/source-queries.js";
import type { Subscription } from "./db/subscription-queries.js";
import type { Story } from "./stories/story.js";

/** The JSON shapes of `--json` output: part of the CLI's contract. */
export function storyJson(s: Story) {
  return {
    id: s.id,
    title: s.title,
    url: s.url,
    source: s.source,
    section: s.section,
    topics: s.topics,
    summary: s.summary,
    publishedAt: s.publishedAt.toISOString(),
    breaking: s.breaking,
    clusterId: s.clusterId,
  };
}

export function deliveryJson(d: Delivery) {
  return {
    id: d.id,
    storyId: d.storyId,
    platform: d.platform,
    chatId: d.chatId,
    status: d.status,
    attempts: d.attempts,
    lastError: d.lastError,
    sentAt: d.sentAt?.toISOString() ?? null,
  };
}

export function subscriptionJson(s: Subscription) {
  return {
    id: s.id,
    platform: s.platform,
    chatId: s.chatId,
    topic: s.topicSlug,
    query: s.query,
    mode: s.mode,
    schedule: s.schedule,
    timezone: s.timezone,
    mutedUntil: s.mutedUntil?.toISOString() ?? null,
    active: s.active,
    createdAt: s.createdAt.toISOString(),
  };
}

/** A fixed-width table for people; `--json` is for programs. */
export function table(rows: ReadonlyArray<Record<string, string | number | null>>): string {
  if (rows.length === 0) return "(none)";
  const keys = Object.keys(rows[0] ?? {});
  const cell = (v: string | number | null) => (v === null ? "-" : String(v));
  const widths = keys.map((k) => Math.min(60, Math.max(k.length, ...rows.map((r) => cell(r[k] ?? null).length))));
  const line = (values: string[]) => values.map((v, i) => (v.length > (widths[i] ?? 0) ? v.slice(0, (widths[i] ?? 1) - 1) + "…" : v.padEnd(widths[i] ?? 0))).join("  ").trimEnd();
  return [line(keys), ...rows.map((r) => line(keys.map((k) => cell(r[k] ?? null))))].join("\n");
}

export function sourceJson(s: Source) {
  return {
    id: s.id,
    url: s.url,
    name: s.name,
    topics: s.topics,
    breaking: s.breaking,
    everySeconds: s.everySeconds,
    paused: s.paused,
    consecutiveFailures: s.consecutiveFailures,
    lastError: s.lastError,
    lastPolledAt: s.lastPolledAt?.toISOString() ?? null,
    lastSuccessAt: s.lastSuccessAt?.toISOString() ?? null,
    nextPollAt: s.nextPollAt.toISOString(),
  };
}
