import { parseClockTime } from "./clock-time.js";
import { nextOccurrence } from "./slots.js";

const UNIT_MS: Readonly<Record<string, number>> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };
const UNIT_WORDS: Readonly<Record<string, string>> = { min: "m", mins: "m", minute: "m", minutes: "m", hr: "h", hrs: "h", hour: "h", hours: "h", day: "d", days: "d", week: "w", weeks: "w" };

/** "2h", "90m", "1h30m", "2 hours", "1d" → milliseconds; undefined when it is not a duration. */
export function parseDuration(text: string): number | undefined {
  const compact = text
    .trim()
    .toLowerCase()
    .replace(/(\d)\s+(?=[a-z])/g, "$1")
    .replace(/[a-z]+/g, (word) => UNIT_WORDS[word] ?? word)
    .replace(/\s+/g, "");
  if (!/^(\d+[mhdw])+$/.test(compact)) return undefined;
  let total = 0;
  for (const [, n, unit] of compact.matchAll(/(\d+)([mhdw])/g)) total += Number(n) * (UNIT_MS[unit as string] ?? 0);
  return total > 0 ? total : undefined;
}

/** "/mute" arguments to the end of the mute: a duration from now, or "until 07:00" on the chat's clock. */
export function parseMuteEnd(text: string, timeZone: string, now: number): number | undefined {
  const until = /^until\s+(.+)$/i.exec(text.trim());
  if (until) {
    const minute = parseClockTime(until[1] ?? "");
    return minute === undefined ? undefined : nextOccurrence(minute, timeZone, now);
  }
  const ms = parseDuration(text);
  return ms === undefined ? undefined : now + ms;
}
