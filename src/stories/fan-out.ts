import type { NewDelivery } from "../db/delivery-queries.js";
import type { Subscription } from "../db/subscription-queries.js";
import type { Story } from "./story.js";

export interface FanOutDecision {
  deliveries: NewDelivery[];
  /** Why matched subscriptions got nothing: counted for logs and metrics. */
  skipped: { breakingOnly: number; digest: number; muted: number; sameChat: number };
}

/**
 * From the subscriptions a story matched to one outbox row per chat. Mode and mute apply after
 * matching; a chat that follows two matching topics still gets one alert.
 */
export function planDeliveries(story: Story, matched: readonly Subscription[], now: Date): FanOutDecision {
  const skipped = { breakingOnly: 0, digest: 0, muted: 0, sameChat: 0 };
  const byChat = new Map<string, NewDelivery>();
  for (const sub of matched) {
    if (sub.mode === "digest") {
      skipped.digest++;
      continue;
    }
    if (sub.mode === "breaking" && !story.breaking) {
      skipped.breakingOnly++;
      continue;
    }
    if (sub.mutedUntil !== null && sub.mutedUntil > now) {
      skipped.muted++;
      continue;
    }
    const key = `${sub.platform}\u0000${sub.chatId}`;
    if (byChat.has(key)) {
      skipped.sameChat++;
      continue;
    }
    byChat.set(key, {
      storyId: story.id,
      subscriptionId: sub.id,
      clusterId: story.clusterId,
      platform: sub.platform,
      chatId: sub.chatId,
      threadId: sub.threadId,
      priority: story.breaking ? 1 : 0,
      nextAttemptAt: now.getTime(),
    });
  }
  return { deliveries: [...byChat.values()], skipped };
}
