import type { Kysely } from "kysely";
import { getChatSettings, type ChatSettings } from "../db/chat-settings-queries.js";
import { chatsWithOpenDigestItems, createDigestDelivery, openDigestEntries } from "../db/digest-queries.js";
import type { Database } from "../db/schema.js";
import { chatSubscriptions, chatThreadId } from "../db/subscription-queries.js";
import { parseClockTime, parseClockTimes, type MinuteOfDay } from "../delivery/schedule/clock-time.js";
import { latestSlotAtOrBefore } from "../delivery/schedule/slots.js";
import type { Logger } from "../logger.js";

/** Digest-mode subscriptions made without a time (the CLI's `--mode digest`) read at 08:00. */
export const DEFAULT_DIGEST_TIME: MinuteOfDay = 8 * 60;

export interface DigestSchedule {
  times: MinuteOfDay[];
  timezone: string;
}

export interface DigestRunnerOptions {
  db: Kysely<Database>;
  logger: Logger;
  defaultTimezone: string;
  clock?: () => number;
  /** Called after digest rows were committed to the outbox, so the dispatcher can wake. */
  onEnqueued?: (count: number) => void;
}

export interface DigestRunner {
  /** Makes every digest whose slot has come; safe to call at any time and as often as liked. */
  runDue(): Promise<{ digests: number; chats: number }>;
}

type Chat = { platform: string; chatId: string };

/**
 * When a chat's digest goes out: its /digest times; otherwise, for stories held back by quiet
 * hours, the end of the quiet hours; otherwise its digest subscriptions' own schedule.
 * Undefined: nothing says when (quiet hours switched off since), so the items go out now.
 */
export async function digestScheduleFor(db: Kysely<Database>, chat: Chat, settings: ChatSettings | undefined, defaultTimezone: string): Promise<DigestSchedule | undefined> {
  const chosen = settings?.digestTimes ? parseClockTimes(settings.digestTimes) : undefined;
  if (chosen) return { times: chosen, timezone: settings?.timezone ?? defaultTimezone };
  const quietEnd = settings?.quietEnd ? parseClockTime(settings.quietEnd) : undefined;
  const subs = (await chatSubscriptions(db, chat)).filter((s) => s.mode === "digest");
  if (subs.length === 0) {
    return quietEnd === undefined ? undefined : { times: [quietEnd], timezone: settings?.timezone ?? defaultTimezone };
  }
  const times = new Set<MinuteOfDay>();
  for (const sub of subs) for (const t of (sub.schedule ? parseClockTimes(sub.schedule) : undefined) ?? [DEFAULT_DIGEST_TIME]) times.add(t);
  if (quietEnd !== undefined) times.add(quietEnd);
  return { times: [...times].sort((a, b) => a - b), timezone: settings?.timezone ?? subs[0]?.timezone ?? defaultTimezone };
}

/**
 * Makes digests: at each of a chat's slots, the stories filed since its last digest become one
 * outbox row (kind "digest"), sent by the dispatcher like any alert — leased, rate-limited and
 * retried. A slot is used once (remembered in chat_settings), whichever process or restart sees
 * it first; a chat with nothing new gets nothing. A muted chat's digest waits for the mute to end.
 */
export function createDigestRunner(opts: DigestRunnerOptions): DigestRunner {
  const clock = opts.clock ?? Date.now;
  return {
    async runDue() {
      const now = clock();
      let digests = 0;
      const open = await chatsWithOpenDigestItems(opts.db);
      for (const chat of open) {
        const settings = await getChatSettings(opts.db, chat);
        if ((settings?.mutedUntil ?? 0) > now) continue;
        const schedule = await digestScheduleFor(opts.db, chat, settings, opts.defaultTimezone);
        const slot = schedule ? latestSlotAtOrBefore(schedule.times, schedule.timezone, now) : now;
        // Due once per slot, and only for stories filed before it: later ones wait for the next slot.
        if (slot === undefined || slot <= (settings?.lastDigestAt ?? Number.NEGATIVE_INFINITY) || chat.oldestAt > slot) continue;
        const entries = await openDigestEntries(opts.db, chat);
        if (entries.length === 0) continue;
        const id = await createDigestDelivery(
          opts.db,
          { ...chat, threadId: await chatThreadId(opts.db, chat), storyIds: entries.map((e) => e.storyId), itemIds: entries.map((e) => e.itemId), slotAt: slot },
          now,
        );
        if (id === undefined) {
          opts.logger.warn({ platform: chat.platform, chat: chat.chatId }, "no story was free to carry the digest; its items wait for the next slot");
          continue;
        }
        digests++;
        opts.logger.debug({ platform: chat.platform, chat: chat.chatId, items: entries.length, delivery: id }, "digest queued");
      }
      if (digests > 0) opts.onEnqueued?.(digests);
      return { digests, chats: open.length };
    },
  };
}
