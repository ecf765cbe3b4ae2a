import type { MinuteOfDay } from "./clock-time.js";
import { addDays, instantOf, localDateAt } from "./zoned-time.js";

/**
 * The most recent moment at or before `now` when one of `times` happened on the chat's clock,
 * or undefined without times. Yesterday is searched too, so a 23:00 slot is found at 00:30.
 */
export function latestSlotAtOrBefore(times: readonly MinuteOfDay[], timeZone: string, now: number): number | undefined {
  const today = localDateAt(now, timeZone);
  let latest: number | undefined;
  for (const day of [addDays(today, -1), today]) {
    for (const minute of times) {
      const at = instantOf(day, minute, timeZone);
      if (at <= now && (latest === undefined || at > latest)) latest = at;
    }
  }
  return latest;
}

/** The next moment strictly after `now` when `minute` happens on the chat's clock. */
export function nextOccurrence(minute: MinuteOfDay, timeZone: string, now: number): number {
  const today = localDateAt(now, timeZone);
  for (const day of [today, addDays(today, 1), addDays(today, 2)]) {
    const at = instantOf(day, minute, timeZone);
    if (at > now) return at;
  }
  // Unreachable: some day within two has the time after now.
  return now + 24 * 3_600_000;
}
