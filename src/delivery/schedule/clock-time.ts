/** Minutes after local midnight, 0–1439: how a chat's "08:00" or "23:30" is held. */
export type MinuteOfDay = number;

const CLOCK_TIME = /^([01]?\d|2[0-3])[:.h]?([0-5]\d)$/;

/** "8:00", "08:00", "0800", "8.00" → 480; undefined when it is not a time of day. */
export function parseClockTime(text: string): MinuteOfDay | undefined {
  const m = CLOCK_TIME.exec(text.trim());
  return m ? Number(m[1]) * 60 + Number(m[2]) : undefined;
}

export function formatClockTime(minute: MinuteOfDay): string {
  return `${String(Math.floor(minute / 60)).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}`;
}

/** "08:00,18:00" → [480, 1080], sorted and distinct; undefined when any part is not a time. */
export function parseClockTimes(text: string): MinuteOfDay[] | undefined {
  const parts = text.split(/[,;\s]+/).filter((p) => p !== "");
  if (parts.length === 0) return undefined;
  const minutes = parts.map(parseClockTime);
  if (minutes.some((m) => m === undefined)) return undefined;
  return [...new Set(minutes as MinuteOfDay[])].sort((a, b) => a - b);
}

export function formatClockTimes(minutes: readonly MinuteOfDay[]): string {
  return minutes.map(formatClockTime).join(",");
}
