// en-US names most American zones (EST), en-GB the European ones (CET, BST), en-AU and en-IN
// their own (AEST, IST); anything none of them names falls back to the offset ("GMT+9").
const ZONE_NAME_LOCALES = ["en-US", "en-GB", "en-AU", "en-IN"] as const;
const OFFSET_NAME = /^GMT[+-]/;
const FALLBACK_ZONE = "UTC";

// Building a DateTimeFormat costs far more than using one; there are a few hundred zones at most.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: string, timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}|${options.timeZoneName ?? "date"}`;
  let found = formatters.get(key);
  if (!found) {
    found = new Intl.DateTimeFormat(locale, { ...options, timeZone });
    formatters.set(key, found);
  }
  return found;
}

function isKnownZone(timeZone: string): boolean {
  try {
    formatter("en-US", timeZone, { timeZoneName: "short" });
    return true;
  } catch {
    return false;
  }
}

interface LocalParts {
  year: string;
  month: string;
  day: string;
  hour: string;
  minute: string;
}

function localParts(date: Date, timeZone: string): LocalParts {
  const parts = formatter("en-US", timeZone, {
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? "";
  return {
    year: part("year"),
    month: part("month"),
    day: part("day"),
    hour: part("hour").padStart(2, "0"),
    minute: part("minute").padStart(2, "0"),
  };
}

function zoneAbbreviation(date: Date, timeZone: string): string {
  let name = "";
  for (const locale of ZONE_NAME_LOCALES) {
    const parts = formatter(locale, timeZone, { timeZoneName: "short" }).formatToParts(date);
    name = parts.find((p) => p.type === "timeZoneName")?.value ?? name;
    if (!OFFSET_NAME.test(name)) return name;
  }
  return name;
}

/**
 * A publication time as the reader's clock shows it: `14:05 CET` on the reader's today,
 * `26 Nov, 14:05 CET` on another day this year, `26 Nov 2024, 14:05 CET` in another year.
 * "Today" is decided in `timezone`, not on the server. An unknown zone falls back to UTC so a
 * bad setting never stops an alert; an invalid date gives "".
 */
export function formatLocalTime(date: Date, timezone: string, now: Date = new Date()): string {
  if (Number.isNaN(date.getTime())) return "";
  const zone = isKnownZone(timezone) ? timezone : FALLBACK_ZONE;
  const at = localParts(date, zone);
  const today = Number.isNaN(now.getTime()) ? undefined : localParts(now, zone);
  const time = `${at.hour}:${at.minute} ${zoneAbbreviation(date, zone)}`;
  if (today && at.year === today.year && at.month === today.month && at.day === today.day) return time;
  const year = today && at.year === today.year ? "" : ` ${at.year}`;
  return `${at.day} ${at.month}${year}, ${time}`;
}
