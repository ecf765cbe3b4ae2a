import type { MinuteOfDay } from "./clock-time.js";

/** A calendar day as the chat's clock shows it. */
export interface LocalDate {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
}

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;
// A zone's offset changes at most once around any wall time; 14 h covers every zone's range.
const AROUND_MS = 14 * 60 * MINUTE_MS;

// Building a DateTimeFormat costs far more than using one; there are a few hundred zones at most.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let found = formatters.get(timeZone);
  if (!found) {
    found = new Intl.DateTimeFormat("en-US", {
      timeZone,
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
      hourCycle: "h23",
    });
    formatters.set(timeZone, found);
  }
  return found;
}

export function isTimeZone(zone: string): boolean {
  try {
    formatter(zone);
    return true;
  } catch {
    return false;
  }
}

/** The wall-clock reading at instant `t` in `timeZone`, as if that reading were UTC (ms). */
function wallClockAt(t: number, timeZone: string): number {
  const parts = formatter(timeZone).formatToParts(new Date(t));
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"));
}

/** The zone's offset from UTC at instant `t`, in ms (Berlin in winter: +3,600,000). */
function offsetAt(t: number, timeZone: string): number {
  const whole = Math.floor(t / 1000) * 1000;
  return wallClockAt(whole, timeZone) - whole;
}

/** The chat's calendar day at instant `t`. */
export function localDateAt(t: number, timeZone: string): LocalDate {
  const d = new Date(wallClockAt(t, timeZone));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** Minutes after local midnight at instant `t`. */
export function localMinuteAt(t: number, timeZone: string): MinuteOfDay {
  const wall = wallClockAt(t, timeZone);
  return Math.floor((((wall % DAY_MS) + DAY_MS) % DAY_MS) / MINUTE_MS);
}

export function addDays(date: LocalDate, days: number): LocalDate {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/**
 * The instant a local wall time happens. When clocks go back the time happens twice: the first
 * one counts. When they go forward it does not happen at all: it moves forward by the gap
 * (02:30 on the spring-forward night in Berlin is 03:30), so a schedule still fires that day.
 */
export function instantOf(date: LocalDate, minute: MinuteOfDay, timeZone: string): number {
  const wall = Date.UTC(date.year, date.month - 1, date.day) + minute * MINUTE_MS;
  const before = offsetAt(wall - AROUND_MS, timeZone);
  const after = offsetAt(wall + AROUND_MS, timeZone);
  const candidates = [...new Set([before, after])].map((offset) => wall - offset).filter((t) => wall - offsetAt(t, timeZone) === t);
  if (candidates.length > 0) return Math.min(...candidates);
  return wall - before;
}

/** The zone's canonical IANA name ("europe/berlin" → "Europe/Berlin"), or undefined when unknown. */
export function canonicalTimeZone(zone: string): string | undefined {
  try {
    return new Intl.DateTimeFormat("en-US", { timeZone: zone.trim() }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}
