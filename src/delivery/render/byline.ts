import type { Alert } from "../alert.js";
import { cleanLine } from "./clean-text.js";
import { formatLocalTime } from "./format-local-time.js";
import { truncateAtWord } from "./truncate-at-word.js";

// A source is a name; these caps keep a pathological feed from eating the message's length budget.
const MAX_SOURCE_LENGTH = 100;
const MAX_MORE_SOURCES_LENGTH = 200;

/** `Reuters · 26 Nov, 14:05 CET`, or whichever half is known. */
export function formatByline(alert: Alert, now: Date): string {
  const source = truncateAtWord(cleanLine(alert.source), MAX_SOURCE_LENGTH);
  const time = formatLocalTime(alert.publishedAt, alert.timezone, now);
  return [source, time].filter((part) => part !== "").join(" · ");
}

export interface MoreSources {
  /** `+2 more` */
  label: string;
  /** `AP, BBC`, cut to a couple of hundred characters. */
  names: string;
}

/** The other outlets that carry the story, or undefined when there are none. */
export function describeMoreSources(moreSources: readonly string[]): MoreSources | undefined {
  const names = [...new Set(moreSources.map(cleanLine).filter((name) => name !== ""))];
  if (names.length === 0) return undefined;
  return {
    label: `+${names.length} more`,
    names: truncateAtWord(names.join(", "), MAX_MORE_SOURCES_LENGTH),
  };
}
