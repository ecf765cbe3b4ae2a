import type { MinuteOfDay } from "./clock-time.js";
import { localMinuteAt } from "./zoned-time.js";

export interface QuietHours {
  start: MinuteOfDay;
  end: MinuteOfDay;
  /** Breaking stories still go out at once. */
  breaking: boolean;
}

/** Whether `now` falls in [start, end) on the chat's clock; a window may wrap midnight (23:00–07:00). */
export function isQuietAt(quiet: QuietHours, timeZone: string, now: number): boolean {
  if (quiet.start === quiet.end) return false;
  const minute = localMinuteAt(now, timeZone);
  return quiet.start < quiet.end ? minute >= quiet.start && minute < quiet.end : minute >= quiet.start || minute < quiet.end;
}
