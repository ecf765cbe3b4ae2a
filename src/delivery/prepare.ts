import type { Kysely } from "kysely";
import { getChatSettings } from "../db/chat-settings-queries.js";
import { getDelivery, type Delivery } from "../db/delivery-queries.js";
import { clusterSourceCounts, digestEntriesForDelivery } from "../db/digest-queries.js";
import type { Database } from "../db/schema.js";
import { clusterSources, getStory } from "../db/story-queries.js";
import { getSubscription } from "../db/subscription-queries.js";
import type { Alert } from "./alert.js";
import type { Digest } from "./digest.js";
import { selectDigest } from "./digest-headlines.js";

/** What one claimed outbox row turns into before it may use a rate-limit token. */
export type Prepared =
  | { kind: "alert"; alert: Alert }
  | { kind: "edit"; alert: Alert; messageId: string; originalId: number }
  | { kind: "digest"; digest: Digest }
  /** Nothing to send, ever: the row is dropped with this reason. */
  | { kind: "drop"; reason: string }
  /** Not yet: an edit whose alert is still on its way, or inside its once-a-minute spacing. */
  | { kind: "later"; at: number; reason: string };

export interface PrepareDeps {
  db: Kysely<Database>;
  defaultTimezone: string;
  canEdit: boolean;
  /** Edits of one message at most this often. */
  editEveryMs: number;
  /** How soon to look again at an edit whose alert has not gone out yet. */
  editRecheckMs: number;
}

async function timezoneFor(deps: PrepareDeps, delivery: Delivery): Promise<string> {
  const settings = await getChatSettings(deps.db, delivery);
  if (settings?.timezone) return settings.timezone;
  const sub = delivery.subscriptionId === null ? undefined : await getSubscription(deps.db, delivery.subscriptionId);
  return sub?.timezone ?? deps.defaultTimezone;
}

/** The alert for a story as of now: the cluster's other sources are read at send time. */
async function buildAlert(deps: PrepareDeps, delivery: Delivery, storyId: number): Promise<Alert | undefined> {
  const story = await getStory(deps.db, storyId);
  if (!story) return undefined;
  const more = story.clusterId === null ? [] : await clusterSources(deps.db, story.clusterId, story.id);
  return {
    storyId: story.id,
    title: story.title,
    summary: story.summary,
    url: story.url,
    source: story.source,
    moreSources: more.filter((s) => s !== story.source),
    publishedAt: story.publishedAt,
    timezone: await timezoneFor(deps, delivery),
    topics: story.topics,
    breaking: story.breaking,
  };
}

async function prepareEdit(deps: PrepareDeps, delivery: Delivery, now: number): Promise<Prepared> {
  if (!deps.canEdit) return { kind: "drop", reason: "the platform cannot edit messages" };
  const original = delivery.editOf === null ? undefined : await getDelivery(deps.db, delivery.editOf);
  if (!original) return { kind: "drop", reason: "the alert to edit is no longer stored" };
  if (original.status === "pending" || original.status === "sending") {
    return { kind: "later", at: now + deps.editRecheckMs, reason: "waiting for the alert it edits to be sent" };
  }
  if (original.status !== "sent" || original.platformMessageId === null) return { kind: "drop", reason: `the alert to edit was never sent (${original.status})` };
  if (original.chatId !== delivery.chatId) return { kind: "drop", reason: "the chat moved since the alert was sent" };
  const next = (original.editedAt?.getTime() ?? Number.NEGATIVE_INFINITY) + deps.editEveryMs;
  if (next > now) return { kind: "later", at: next, reason: "edited less than a minute ago" };
  const alert = await buildAlert(deps, original, original.storyId);
  if (!alert) return { kind: "drop", reason: "story no longer stored" };
  return { kind: "edit", alert, messageId: original.platformMessageId, originalId: original.id };
}

export async function prepareDelivery(deps: PrepareDeps, delivery: Delivery, now: number): Promise<Prepared> {
  switch (delivery.kind) {
    case "alert": {
      const alert = await buildAlert(deps, delivery, delivery.storyId);
      return alert ? { kind: "alert", alert } : { kind: "drop", reason: "story no longer stored" };
    }
    case "edit":
      return prepareEdit(deps, delivery, now);
    case "digest": {
      const entries = await digestEntriesForDelivery(deps.db, delivery.id);
      if (entries.length === 0) return { kind: "drop", reason: "the digest's stories are no longer stored" };
      const clusters = [...new Set(entries.map((e) => e.clusterId).filter((c): c is number => c !== null))];
      const counts = await clusterSourceCounts(deps.db, clusters);
      return { kind: "digest", digest: selectDigest(entries, counts, { timezone: await timezoneFor(deps, delivery) }) };
    }
  }
}
