import type { ClusterDelivery, NewDelivery } from "../db/delivery-queries.js";
import type { NewDigestItem } from "../db/digest-queries.js";
import type { Subscription } from "../db/subscription-queries.js";
import { isQuietAt, type QuietHours } from "../delivery/schedule/quiet-hours.js";
import type { Story } from "./story.js";

/** A chat's own delivery rules (from /mute, /quiet, /digest), already parsed. */
export interface ChatRules {
  /** The chat's zone when it set one; otherwise each subscription's. */
  timezone: string | null;
  quiet: QuietHours | null;
  mutedUntil: number | null;
  /** The chat chose digest times: its instant subscriptions (even ones made since) collect into digests. */
  digest: boolean;
}

export interface FanOutDecision {
  /** Instant alerts, one per chat; the watcher turns those for an already-alerted cluster into edits. */
  deliveries: NewDelivery[];
  /** Stories filed for a chat's next digest: digest-mode subscriptions and quiet hours. */
  digestItems: NewDigestItem[];
  /** Why matched chats got no alert now: counted for logs and metrics. */
  skipped: { breakingOnly: number; digest: number; quiet: number; muted: number; sameChat: number };
}

const chatKey = (platform: string, chatId: string) => `${platform}\u0000${chatId}`;
const topicOf = (sub: Subscription) => sub.topicSlug ?? `"${sub.query ?? ""}"`;

/**
 * From the subscriptions a story matched to at most one thing per chat: an alert now, or a place
 * in the chat's next digest. Mode, mute and quiet hours apply after matching; a chat that follows
 * two matching topics still gets one alert. Muting silences alerts but digests still collect.
 * Quiet hours send a story to the next digest (breaking ones too, unless the chat let them through).
 */
export function planDeliveries(story: Story, matched: readonly Subscription[], now: Date, rulesFor?: (platform: string, chatId: string) => ChatRules | undefined): FanOutDecision {
  const skipped = { breakingOnly: 0, digest: 0, quiet: 0, muted: 0, sameChat: 0 };
  const byChat = new Map<string, Subscription[]>();
  for (const sub of matched) {
    const key = chatKey(sub.platform, sub.chatId);
    const list = byChat.get(key);
    if (list) {
      list.push(sub);
      skipped.sameChat++;
    } else byChat.set(key, [sub]);
  }

  const at = now.getTime();
  const deliveries: NewDelivery[] = [];
  const digestItems: NewDigestItem[] = [];
  for (const subs of byChat.values()) {
    const first = subs[0] as Subscription;
    const rules = rulesFor?.(first.platform, first.chatId);
    const digestChat = rules?.digest ?? false;
    const alertSub = subs.find((s) => (s.mode === "instant" && !digestChat) || (s.mode === "breaking" && story.breaking));
    const digestSub = subs.find((s) => s.mode === "digest" || (s.mode === "instant" && digestChat));
    const muted = (rules?.mutedUntil ?? 0) > at || (alertSub?.mutedUntil?.getTime() ?? 0) > at;
    const file = (sub: Subscription, reason: NewDigestItem["reason"]) => digestItems.push({ platform: sub.platform, chatId: sub.chatId, storyId: story.id, topic: topicOf(sub), reason });

    if (alertSub && !muted) {
      const timezone = rules?.timezone ?? alertSub.timezone;
      const quiet = rules?.quiet && isQuietAt(rules.quiet, timezone, at) && !(story.breaking && rules.quiet.breaking);
      if (quiet) {
        file(alertSub, "quiet");
        skipped.quiet++;
        continue;
      }
      deliveries.push({
        kind: "alert",
        storyId: story.id,
        subscriptionId: alertSub.id,
        clusterId: story.clusterId,
        platform: alertSub.platform,
        chatId: alertSub.chatId,
        threadId: alertSub.threadId,
        priority: story.breaking ? 1 : 0,
        nextAttemptAt: at,
      });
    } else if (digestSub) {
      file(digestSub, "digest");
      skipped.digest++;
    } else if (alertSub) {
      skipped.muted++;
    } else {
      skipped.breakingOnly++;
    }
  }
  return { deliveries, digestItems, skipped };
}

export interface ClusterGrowth {
  /** Alerts for chats that never heard of the cluster: sent as new messages. */
  alerts: NewDelivery[];
  /** In-place edits of alerts already sent (or in flight). */
  edits: NewDelivery[];
  /** The chat's alert is still queued: it will name the new source when it is rendered. */
  folded: number;
  /** An edit of the same message is already queued: it will render the newest sources. */
  coalesced: number;
}

const live = (status: ClusterDelivery["status"]) => status === "pending" || status === "sending";

/**
 * A story joining a cluster the chat was already alerted to becomes an edit of that alert
 * ("+2 more: AP, BBC") instead of a second message. One queued edit per message at a time, due
 * no sooner than a minute after the message's last edit; edits render the cluster as it is when
 * they are sent, so coalescing loses nothing.
 */
export function planClusterGrowth(alerts: readonly NewDelivery[], existing: readonly ClusterDelivery[], now: number, editEveryMs: number): ClusterGrowth {
  const byChat = new Map<string, ClusterDelivery[]>();
  for (const row of existing) byChat.set(row.chatId, [...(byChat.get(row.chatId) ?? []), row]);
  const out: ClusterGrowth = { alerts: [], edits: [], folded: 0, coalesced: 0 };
  for (const alert of alerts) {
    const rows = byChat.get(alert.chatId) ?? [];
    const originals = rows.filter((r) => r.kind === "alert" && (live(r.status) || r.status === "sent"));
    if (originals.length === 0) {
      out.alerts.push(alert);
      continue;
    }
    const sent = originals.filter((r) => r.status === "sent").sort((a, b) => (b.sentAt ?? 0) - (a.sentAt ?? 0))[0];
    const original = sent ?? (originals[0] as ClusterDelivery);
    if (original.status === "pending") {
      out.folded++;
      continue;
    }
    if (rows.some((r) => r.kind === "edit" && r.editOf === original.id && live(r.status))) {
      out.coalesced++;
      continue;
    }
    out.edits.push({
      ...alert,
      kind: "edit",
      editOf: original.id,
      // Growth is no news: an edit never jumps ahead of a breaking alert.
      priority: 0,
      nextAttemptAt: Math.max(now, (original.editedAt ?? Number.NEGATIVE_INFINITY) + editEveryMs),
    });
  }
  return out;
}
