import type { Digest, DigestHeadline } from "../digest.js";
import { cleanLine } from "./clean-text.js";
import { formatLocalTime } from "./format-local-time.js";
import { truncateAtWord } from "./truncate-at-word.js";

// Caps that keep ten headlines with their bylines inside every platform's message limit.
export const DIGEST_TITLE_MAX = 220;
const SOURCE_MAX = 60;
const TOPIC_MAX = 60;

/** The first line of a digest. */
export function digestHeading(digest: Digest): string {
  const count = `${digest.total} ${digest.total === 1 ? "story" : "stories"}`;
  return digest.reason === "quiet-hours" ? `🌙 While your quiet hours were on · ${count}` : `📰 Your news digest · ${count}`;
}

/** "world" → "World", "middle-east" → "Middle east"; a quoted query stays as the user wrote it. */
export function topicLabel(topic: string): string {
  const clean = truncateAtWord(cleanLine(topic), TOPIC_MAX);
  if (clean.startsWith('"')) return clean;
  const words = clean.replace(/[-_]+/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function headlineTitle(h: DigestHeadline, max = DIGEST_TITLE_MAX): string {
  // A link needs text to click: a story stored without a headline still gets one.
  return truncateAtWord(cleanLine(h.title), max) || "(no headline)";
}

/** `Reuters · 14:05 CET · +2 sources` */
export function headlineByline(h: DigestHeadline, timezone: string, now: Date): string {
  const parts = [truncateAtWord(cleanLine(h.source), SOURCE_MAX), formatLocalTime(h.publishedAt, timezone, now)];
  if (h.otherSources > 0) parts.push(`+${h.otherSources} ${h.otherSources === 1 ? "source" : "sources"}`);
  return parts.filter((p) => p !== "").join(" · ");
}

/** `…and 3 more stories`, or undefined when everything is shown. */
export function moreLine(digest: Digest): string | undefined {
  if (digest.more <= 0) return undefined;
  return `…and ${digest.more} more ${digest.more === 1 ? "story" : "stories"}`;
}
