import { chatTimezone, getChatSettings, updateChatSettings } from "../src/db/chat-settings-queries.js";
import { setChatSubscriptionMode } from "../src/db/subscription-queries.js";
import { formatClockTimes, parseClockTimes } from "../src/delivery/schedule/clock-time.js";
import { canonicalTimeZone } from "../src/delivery/schedule/zoned-time.js";
import { text } from "./reply.js";
import { defineCommand } from "./types.js";
import { UserError } from "./user-error.js";

const usage = "/digest <08:00[,18:00]> [timezone], or /digest off";
const MAX_TIMES = 6;

const list = (times: string) => times.split(",").join(" and ");

export const digest = defineCommand({
  name: "digest",
  description: "Get one digest message at set times instead of every alert",
  usage,
  options: [
    { name: "times", description: "When, on your clock: 08:00, or 08:00,18:00; or off", type: "string", required: false },
    { name: "timezone", description: "Your time zone, e.g. Europe/Berlin", type: "string", required: false },
  ],
  permission: "manage",
  async handle(ctx, args) {
    const { db, clock, defaultTimezone } = ctx.services;
    const chat = { platform: ctx.platform, chatId: ctx.chat.id };
    const now = clock().getTime();
    if (args.times === undefined) {
      const settings = await getChatSettings(db, chat);
      const current = settings?.digestTimes ? `This chat gets a digest at ${list(settings.digestTimes)} (${settings.timezone ?? defaultTimezone}).` : "This chat gets alerts as they happen.";
      return { blocks: [text(current, " Usage: ", { text: usage, code: true })], ephemeral: true };
    }
    if (args.times.toLowerCase() === "off") {
      await updateChatSettings(db, chat, { digestTimes: null }, now);
      const n = await setChatSubscriptionMode(db, chat, { from: ["digest"], to: "instant", schedule: null }, now);
      return { blocks: [text(`Digest off: ${n === 1 ? "1 subscription is" : `${n} subscriptions are`} back to alerts as they happen.`)], ephemeral: true };
    }
    const parsed = parseClockTimes(args.times);
    if (!parsed) throw new UserError(`"${args.times}" is not a time like 08:00 or a list like 08:00,18:00. Usage: ${usage}`);
    if (parsed.length > MAX_TIMES) throw new UserError(`At most ${MAX_TIMES} digests a day. Usage: ${usage}`);
    const zone = args.timezone === undefined ? undefined : canonicalTimeZone(args.timezone);
    if (args.timezone !== undefined && zone === undefined) throw new UserError(`"${args.timezone}" is not a time zone; try one like Europe/Berlin or America/New_York. Usage: ${usage}`);
    const timezone = zone ?? (await chatTimezone(db, chat, defaultTimezone));
    const times = formatClockTimes(parsed);
    await updateChatSettings(db, chat, { digestTimes: times, timezone, digestSince: now }, now);
    const n = await setChatSubscriptionMode(db, chat, { from: ["instant", "digest"], to: "digest", schedule: times, timezone }, now);
    const what = n === 0 ? "Topics this chat follows collect" : n === 1 ? "Its subscription collects" : `Its ${n} subscriptions collect`;
    return {
      blocks: [
        text(`Digest at ${list(times)} (${timezone}). ${what} into one message with the top 10 stories by topic; nothing is sent when there is nothing new. Breaking-only subscriptions still alert at once. `, { text: "/digest off", code: true }, " switches back."),
      ],
      ephemeral: true,
    };
  },
});
