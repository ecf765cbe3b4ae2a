import { ButtonStyle, ComponentType, type APIActionRowComponent, type APIButtonComponentWithCustomId, type APIEmbed } from "discord.js";
import type { Block, Reply, Span, StoryLine } from "../../../commands/reply.js";
import { escapeDiscordMarkdown, neutraliseMentions, truncateEscapedMarkdown } from "../../delivery/render/discord-markdown.js";
import { DISCORD_LIMITS } from "../../delivery/render/discord-embed.js";
import { httpUrl } from "../../delivery/render/safe-link.js";

export interface DiscordReplyBody {
  content?: string;
  embeds?: APIEmbed[];
  components: APIActionRowComponent<APIButtonComponentWithCustomId>[];
  /** Replies never ping: command output can quote story titles and user input. */
  allowedMentions: { parse: [] };
}

const MAX_ROWS = 5;
const MAX_BUTTONS_PER_ROW = 5;
const BUTTON_LABEL_MAX = 80;
const ERROR_COLOUR = 0xed4245;

const escape = (text: string) => escapeDiscordMarkdown(text, { links: true });

/** Inline code shows its text literally; a backtick inside would end it early, so it becomes a look-alike. */
const code = (text: string) => `\`${neutraliseMentions(text.replace(/`/g, "ˋ"))}\``;

export function spanMarkdown(span: Span): string {
  if (typeof span === "string") return escape(span);
  if (span.text === "") return "";
  if (span.code) return code(span.text);
  let out = escape(span.text);
  const url = span.href ? httpUrl(span.href) : undefined;
  // <url> inside the link keeps Discord from adding a preview card for every link in a reply.
  if (url) out = `[${out}](<${url}>)`;
  if (span.highlight) out = `__${out}__`;
  if (span.italic) out = `*${out}*`;
  if (span.bold) out = `**${out}**`;
  return out;
}

const unixSeconds = (date: Date) => Math.floor(date.getTime() / 1000);

function storyMarkdown(story: StoryLine, index: number): string {
  const url = httpUrl(story.url);
  const title = escapeDiscordMarkdown(story.title, { links: true });
  const headline = url ? `[${title}](<${url}>)` : title;
  // <t:…:R> shows "5 minutes ago" in each reader's own language and time zone.
  const when = Number.isNaN(story.publishedAt.getTime()) ? "" : ` · <t:${unixSeconds(story.publishedAt)}:R>`;
  const lines = [`**${index + 1}.** ${story.breaking ? "🔴 " : ""}${headline}`, `${escape(story.source)}${when}`];
  if (story.snippet && story.snippet.length > 0) {
    lines.push("> " + story.snippet.map((part) => (part.match && part.text.trim() !== "" ? `**${escape(part.text)}**` : escape(part.text))).join("").replace(/\n/g, " "));
  }
  return lines.join("\n");
}

function blockMarkdown(block: Block): string {
  if (block.type === "text") return block.spans.map(spanMarkdown).join("");
  if (block.type === "list") return block.items.map((item) => "• " + item.map(spanMarkdown).join("")).join("\n");
  return block.stories.map(storyMarkdown).join("\n\n");
}

function buttonRows(reply: Reply, encodeAction: (action: string) => string): DiscordReplyBody["components"] {
  const seen = new Set<string>();
  const rows: DiscordReplyBody["components"] = [];
  for (const row of reply.buttons ?? []) {
    const buttons: APIButtonComponentWithCustomId[] = [];
    for (const button of row.slice(0, MAX_BUTTONS_PER_ROW)) {
      const customId = encodeAction(button.action);
      // Discord refuses a message whose buttons share a custom_id.
      if (seen.has(customId)) continue;
      seen.add(customId);
      buttons.push({ type: ComponentType.Button, style: ButtonStyle.Secondary, custom_id: customId, label: button.label.slice(0, BUTTON_LABEL_MAX) || "…" });
    }
    if (buttons.length > 0) rows.push({ type: ComponentType.ActionRow, components: buttons });
    if (rows.length === MAX_ROWS) break;
  }
  return rows;
}

/**
 * A command reply as a Discord message: markdown in the content, or in an embed when it is too
 * long for the content's 2000 characters (an embed description holds 4096). Data is escaped, so
 * a story title can neither format the reply nor mention anyone.
 */
export function renderReplyForDiscord(reply: Reply, encodeAction: (action: string) => string = (a) => a): DiscordReplyBody {
  const markdown = reply.blocks.map(blockMarkdown).filter((part) => part !== "").join("\n\n");
  const text = reply.isError ? `⚠️ ${markdown}` : markdown;
  const components = buttonRows(reply, encodeAction);
  const body: DiscordReplyBody = { components, allowedMentions: { parse: [] } };
  if (text.length <= DISCORD_LIMITS.content) {
    body.content = text === "" ? "…" : text;
  } else {
    body.embeds = [{ description: truncateEscapedMarkdown(text, DISCORD_LIMITS.description), ...(reply.isError ? { color: ERROR_COLOUR } : {}) }];
  }
  return body;
}
