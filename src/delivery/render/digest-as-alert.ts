import type { Alert } from "../alert.js";
import type { Digest } from "../digest.js";
import { digestHeading, headlineTitle, moreLine, topicLabel } from "./digest-text.js";

/**
 * A digest squeezed into the alert model, for a channel without `sendDigest`: the heading as the
 * title, the headlines as summary lines, the top story's link. Worse than a real digest, better
 * than none; each platform's alert renderer still escapes and cuts it.
 */
export function digestAsAlert(digest: Digest, now: Date): Alert {
  const lines = digest.sections.flatMap((s) => [`${topicLabel(s.topic)}:`, ...s.headlines.map((h) => `• ${headlineTitle(h, 160)} (${h.source})`)]);
  const more = moreLine(digest);
  if (more) lines.push(more);
  const top = digest.sections[0]?.headlines[0];
  return {
    storyId: top?.storyId ?? 0,
    title: digestHeading(digest),
    summary: lines.join("\n"),
    url: top?.url ?? "",
    source: "newsflash",
    moreSources: [],
    publishedAt: now,
    timezone: digest.timezone,
    topics: digest.sections.map((s) => s.topic).filter((t) => !t.startsWith('"')),
    breaking: false,
  };
}
