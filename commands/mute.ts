import { chatTimezone, updateChatSettings } from "../src/db/chat-settings-queries.js";
import { dropQueuedAlertsForChat } from "../src/db/delivery-queries.js";
import { formatLocalTime } from "../src/delivery/render/format-local-time.js";
import { parseMuteEnd } from "../src/delivery/schedule/mute-duration.js";
import { text } from "./reply.js";
import { defineCommand } from "./types.js";
import { UserError } from "./user-error.js";

const usage = "/mute <30m|2h|1d|until 07:00>";
const MAX_MUTE_MS = 30 * 86_400_000;

export const mute = defineCommand({
  name: "mute",
  description: "Pause alerts in this chat for a while",
  usage,
  options: [{ name: "duration", description: "How long: 30m, 2h, 1d, or until 07:00", type: "string", required: true, rest: true }],
  permission: "manage",
  async handle(ctx, args) {
    const { db, clock, defaultTimezone } = ctx.services;
    const chat = { platform: ctx.platform, chatId: ctx.chat.id };
    const now = clock().getTime();
    const timezone = await chatTimezone(db, chat, defaultTimezone);
    const until = parseMuteEnd(args.duration, timezone, now);
    if (until === undefined) throw new UserError(`"${args.duration}" is not a duration. Usage: ${usage}`);
    if (until - now > MAX_MUTE_MS) throw new UserError(`At most 30 days at a time. Usage: ${usage}`);
    await updateChatSettings(db, chat, { mutedUntil: until }, now);
    // Alerts already queued would otherwise arrive during the mute.
    await dropQueuedAlertsForChat(db, chat, "the chat was muted", now);
    return {
      blocks: [text(`Muted until ${formatLocalTime(new Date(until), timezone, new Date(now))}. Alerts in the meantime are skipped; digests still collect. `, { text: "/unmute", code: true }, " ends it early.")],
      ephemeral: true,
    };
  },
});
