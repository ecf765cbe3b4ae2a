import type { Since } from "./ast.js";

const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const;
/** Further back than this is not "since", it is the whole archive. */
const MAX_WINDOW_MS = 3_660 * UNIT_MS.d;

/** `24h`, `7d`, `30m`, `2w` or `2025-11-01`; null when the value is neither. */
export function parseSince(value: string): Since | null {
  const duration = /^(\d{1,6})([mhdw])$/.exec(value.toLowerCase());
  if (duration) {
    const ms = Number(duration[1]) * UNIT_MS[duration[2] as keyof typeof UNIT_MS];
    return ms > 0 && ms <= MAX_WINDOW_MS ? { type: "duration", ms, text: value } : null;
  }
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (day) {
    const [year, month, date] = [Number(day[1]), Number(day[2]), Number(day[3])];
    const parsed = new Date(Date.UTC(year, month - 1, date));
    // Date.UTC rolls 2025-02-30 over to March; a real calendar day survives the round trip.
    const real = parsed.getUTCFullYear() === year && parsed.getUTCMonth() === month - 1 && parsed.getUTCDate() === date;
    return real ? { type: "date", date: parsed, text: value } : null;
  }
  return null;
}

/** The earliest publishedAt a story may have to pass the filter (inclusive). */
export function sinceCutoff(since: Since, now: Date): Date {
  return since.type === "date" ? since.date : new Date(now.getTime() - since.ms);
}
