import type { Digest } from "../digest.js";
import { digestHeading, headlineByline, headlineTitle, moreLine, topicLabel } from "./digest-text.js";
import type { RenderOptions } from "./render-options.js";
import { httpUrl } from "./safe-link.js";

/** A digest as terminal text: heading, then each topic with numbered headlines, bylines and links. */
export function renderConsoleDigest(digest: Digest, options: RenderOptions = {}): string {
  const now = options.now ?? new Date();
  const blocks = [digestHeading(digest)];
  let n = 0;
  for (const section of digest.sections) {
    const lines = [topicLabel(section.topic)];
    for (const h of section.headlines) {
      n++;
      lines.push(`${n}. ${h.breaking ? "🔴 " : ""}${headlineTitle(h)}`, `   ${headlineByline(h, digest.timezone, now)}`);
      const link = httpUrl(h.url);
      if (link) lines.push(`   ${link}`);
    }
    blocks.push(lines.join("\n"));
  }
  const more = moreLine(digest);
  if (more) blocks.push(more);
  return blocks.join("\n\n");
}
