import type { Alert } from "../alert.js";
import { describeMoreSources, formatByline } from "./byline.js";
import { cleanLine, cleanParagraphs } from "./clean-text.js";
import type { DiscordEmbed, DiscordEmbedField } from "./discord-embed.js";
import { DISCORD_LIMITS, embedLength } from "./discord-embed.js";
import { escapeDiscordMarkdown, neutraliseMentions, truncateEscapedMarkdown } from "./discord-markdown.js";
import { hashtagsFor } from "./hashtags.js";
import { httpUrl } from "./safe-link.js";
import type { RenderOptions } from "./render-options.js";
import { colourFor } from "./topic-colours.js";
import { truncateAtWord } from "./truncate-at-word.js";

export interface DiscordAlertMessage {
  /** Message text above the embed: the breaking marker, or nothing. */
  content: string | undefined;
  embeds: [DiscordEmbed];
  /** Parse no mentions at all: an alert never pings anyone. */
  allowedMentions: { parse: [] };
}

const BREAKING_CONTENT = "🔴 **BREAKING**";

function fields(alert: Alert): DiscordEmbedField[] {
  const out: DiscordEmbedField[] = [];
  const more = describeMoreSources(alert.moreSources);
  if (more) {
    const value = escapeDiscordMarkdown(more.names, { links: true });
    out.push({ name: more.label, value: truncateEscapedMarkdown(value, DISCORD_LIMITS.fieldValue), inline: true });
  }
  const tags = hashtagsFor(alert.topics);
  if (tags.length > 0) {
    // Tags are a-z0-9_ only, but two underscores would still italicise the text between them.
    const value = escapeDiscordMarkdown(tags.join(" "), { links: true });
    out.push({ name: "Topics", value: truncateEscapedMarkdown(value, DISCORD_LIMITS.fieldValue), inline: true });
  }
  return out;
}

/**
 * One alert as a Discord message with one embed. Data is escaped where Discord renders markdown
 * (not in the footer, which shows backslashes literally) and cut after escaping. The description
 * gets whatever the 6000-character embed total leaves once everything else is in place.
 */
export function renderDiscordAlert(alert: Alert, options: RenderOptions = {}): DiscordAlertMessage {
  const now = options.now ?? new Date();
  const embed: DiscordEmbed = { color: colourFor(alert.topics, alert.breaking) };

  const title = escapeDiscordMarkdown(cleanLine(alert.title), { links: false });
  if (title !== "") embed.title = truncateEscapedMarkdown(title, DISCORD_LIMITS.title);
  const url = httpUrl(alert.url);
  if (url) embed.url = url;
  const footer = neutraliseMentions(formatByline(alert, now));
  if (footer !== "") embed.footer = { text: truncateAtWord(footer, DISCORD_LIMITS.footerText) };
  if (!Number.isNaN(alert.publishedAt.getTime())) embed.timestamp = alert.publishedAt.toISOString();
  const extra = fields(alert);
  if (extra.length > 0) embed.fields = extra;

  // Description last: it is the one part long enough to need what the others leave.
  const room = Math.min(DISCORD_LIMITS.description, DISCORD_LIMITS.embedTotal - embedLength(embed));
  const description = escapeDiscordMarkdown(cleanParagraphs(alert.summary), { links: true });
  if (description !== "" && room > 0) embed.description = truncateEscapedMarkdown(description, room);

  return {
    content: alert.breaking ? BREAKING_CONTENT : undefined,
    embeds: [embed],
    allowedMentions: { parse: [] },
  };
}
