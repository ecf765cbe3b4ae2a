import type { Digest } from "../digest.js";
import { DIGEST_TITLE_MAX, digestHeading, headlineByline, headlineTitle, moreLine, topicLabel } from "./digest-text.js";
import type { DiscordEmbed } from "./discord-embed.js";
import { DISCORD_LIMITS, embedLength } from "./discord-embed.js";
import { escapeDiscordMarkdown, neutraliseMentions } from "./discord-markdown.js";
import type { RenderOptions } from "./render-options.js";
import { httpUrl } from "./safe-link.js";
import { DEFAULT_COLOUR } from "./topic-colours.js";

export interface DiscordDigestMessage {
  content: undefined;
  embeds: [DiscordEmbed];
  /** Parse no mentions at all: a digest never pings anyone. */
  allowedMentions: { parse: [] };
}

/** A masked link's target may not contain what ends the markdown: parentheses, spaces, angle brackets. */
function linkTarget(url: string): string | undefined {
  return httpUrl(url)?.replace(/[()<> ]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`);
}

function description(digest: Digest, titleMax: number, now: Date): string {
  const blocks = digest.sections.map((section) => {
    const lines = [`**${escapeDiscordMarkdown(topicLabel(section.topic), { links: true })}**`];
    for (const h of section.headlines) {
      const title = escapeDiscordMarkdown(headlineTitle(h, titleMax), { links: true });
      const target = linkTarget(h.url);
      const marker = h.breaking ? "🔴 " : "";
      const byline = escapeDiscordMarkdown(headlineByline(h, digest.timezone, now), { links: true });
      lines.push(`• ${marker}${target ? `[${title}](${target})` : title} — ${byline}`);
    }
    return lines.join("\n");
  });
  return blocks.join("\n\n");
}

/**
 * A digest as one Discord embed: the heading as title, each topic in bold with its headlines as
 * masked links in the description, "…and N more" in the footer. Titles are cut until the
 * description fits its limit and the embed's total.
 */
export function renderDiscordDigest(digest: Digest, options: RenderOptions = {}): DiscordDigestMessage {
  const now = options.now ?? new Date();
  const embed: DiscordEmbed = { title: neutraliseMentions(digestHeading(digest)), color: DEFAULT_COLOUR, timestamp: now.toISOString() };
  const more = moreLine(digest);
  if (more) embed.footer = { text: more };
  const room = Math.min(DISCORD_LIMITS.description, DISCORD_LIMITS.embedTotal - embedLength(embed));
  let titleMax = DIGEST_TITLE_MAX;
  let text = description(digest, titleMax, now);
  while (text.length > room && titleMax > 20) {
    titleMax = Math.floor(titleMax * 0.8);
    text = description(digest, titleMax, now);
  }
  if (text !== "") embed.description = text.slice(0, room);
  return { content: undefined, embeds: [embed], allowedMentions: { parse: [] } };
}
