import { chatTimezone, getChatSettings, updateChatSettings } from "../src/db/chat-settings-queries.js";
import { formatClockTime, parseClockTime } from "../src/delivery/schedule/clock-time.js";
import { canonicalTimeZone } from "../src/delivery/schedule/zoned-time.js";
import { text } from "./reply.js";
import { defineCommand } from "./types.js";
import { UserError } from "./user-error.js";

const usage = "/quiet <23:00-07:00> [timezone] [breaking:on|off], or /quiet off";

function parseWindow(window: string): { start: number; end: number } | undefined {
  const m = /^(\S+?)\s*[-–—]\s*(\S+)$/.exec(window.trim());
  const start = m ? parseClockTime(m[1] ?? "") : undefined;
  const end = m ? parseClockTime(m[2] ?? "") : undefined;
  return start === undefined || end === undefined || start === end ? undefined : { start, end };
}

export const quiet = defineCommand({
  name: "quiet",
  description: "Set quiet hours: no alerts at night, a summary when they end",
  usage,
  options: [
    { name: "hours", description: "From-to on your clock, e.g. 23:00-07:00, or off", type: "string", required: false },
    { name: "timezone", description: "Your time zone, e.g. Europe/Berlin", type: "string", required: false },
    { name: "breaking", description: "on: breaking news still comes through during quiet hours", type: "string", required: false },
  ],
  permission: "manage",
  async handle(ctx, args) {
    const { db, clock, defaultTimezone } = ctx.services;
    const chat = { platform: ctx.platform, chatId: ctx.chat.id };
    const now = clock().getTime();
    const settings = await getChatSettings(db, chat);
    if (args.hours === undefined) {
      const current = settings?.quietStart && settings.quietEnd ? `Quiet hours are ${settings.quietStart}–${settings.quietEnd}${settings.quietBreaking ? " (breaking news still comes through)" : ""}.` : "No quiet hours are set.";
      return { blocks: [text(current, " Usage: ", { text: usage, code: true })], ephemeral: true };
    }
    if (args.hours.toLowerCase() === "off") {
      await updateChatSettings(db, chat, { quietStart: null, quietEnd: null, quietBreaking: false }, now);
      return { blocks: [text("Quiet hours are off: alerts come as they happen.")], ephemeral: true };
    }
    const window = parseWindow(args.hours);
    if (!window) throw new UserError(`"${args.hours}" is not a from-to time range. Usage: ${usage}`);
    const breakingArg = args.breaking?.toLowerCase();
    if (breakingArg !== undefined && breakingArg !== "on" && breakingArg !== "off") throw new UserError(`breaking must be on or off, not "${args.breaking}". Usage: ${usage}`);
    const zone = args.timezone === undefined ? undefined : canonicalTimeZone(args.timezone);
    if (args.timezone !== undefined && zone === undefined) throw new UserError(`"${args.timezone}" is not a time zone; try one like Europe/Berlin or America/New_York. Usage: ${usage}`);
    const timezone = zone ?? (await chatTimezone(db, chat, defaultTimezone));
    const breaking = breakingArg === "on";
    const start = formatClockTime(window.start);
    const end = formatClockTime(window.end);
    const saved = await updateChatSettings(db, chat, { quietStart: start, quietEnd: end, quietBreaking: breaking, timezone }, now);
    const after = saved.digestTimes ? "go into your next digest" : `arrive as one summary at ${end}`;
    return {
      blocks: [text(`Quiet hours ${start}–${end} (${timezone}): stories in that time ${after}. Breaking news ${breaking ? "still comes through at once" : "waits too (add breaking:on to let it through)"}.`)],
      ephemeral: true,
    };
  },
});
