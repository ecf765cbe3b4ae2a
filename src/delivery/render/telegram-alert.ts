import type { Alert } from "../alert.js";
import { describeMoreSources, formatByline } from "./byline.js";
import { cleanLine, cleanParagraphs } from "./clean-text.js";
import { escapeHtml } from "./escape-html.js";
import { hashtagsFor } from "./hashtags.js";
import type { RenderOptions } from "./render-options.js";
import { httpUrl } from "./safe-link.js";
import { truncateAtWord } from "./truncate-at-word.js";

/** Telegram's limit on a message's text, counted after entity parsing in UTF-16 code units. */
export const TELEGRAM_TEXT_LIMIT = 4096;

export interface TelegramAlertMessage {
  text: string;
  parseMode: "HTML";
  /** The story's link for `link_preview_options.url`; "" when the alert has no usable http(s) link. */
  linkPreviewUrl: string;
}

/** A run of text with at most one piece of markup; the text is raw and escaped only on output. */
interface Span {
  text: string;
  tag?: "b" | "i";
  href?: string;
}
type Line = Span[];
/** Blocks are separated by a blank line, the lines of a block by a line break. */
type Block = Line[];

function layout(alert: Alert, title: string, summary: string, now: Date): Block[] {
  const head: Block = [];
  if (alert.breaking) head.push([{ text: "🔴 " }, { text: "BREAKING", tag: "b" }]);
  if (title !== "") head.push([{ text: title, tag: "b" }]);

  const foot: Block = [];
  const byline = formatByline(alert, now);
  if (byline !== "") foot.push([{ text: byline, tag: "i" }]);
  const more = describeMoreSources(alert.moreSources);
  if (more) foot.push([{ text: `${more.label}: ${more.names}`, tag: "i" }]);
  const link = httpUrl(alert.url);
  if (link) foot.push([{ text: "Read more", href: link }]);
  const tags = hashtagsFor(alert.topics);
  if (tags.length > 0) foot.push([{ text: tags.join(" ") }]);

  const body: Block = summary === "" ? [] : [[{ text: summary }]];
  return [head, body, foot].filter((block) => block.length > 0);
}

function join(blocks: Block[], span: (s: Span) => string): string {
  return blocks.map((block) => block.map((line) => line.map(span).join("")).join("\n")).join("\n\n");
}

function spanHtml({ text, tag, href }: Span): string {
  const escaped = escapeHtml(text);
  if (href !== undefined) return `<a href="${escapeHtml(href)}">${escaped}</a>`;
  return tag ? `<${tag}>${escaped}</${tag}>` : escaped;
}

/** What Telegram counts against the limit: the text a reader sees once the markup is parsed. */
function visibleLength(blocks: Block[]): number {
  return join(blocks, (s) => s.text).length;
}

/**
 * One alert as a Telegram HTML message. Data is escaped span by span and cut before escaping, so
 * a cut can never split a tag or an entity. Over the limit, the summary is cut first and the
 * headline only once the summary is gone.
 */
export function renderTelegramAlert(alert: Alert, options: RenderOptions = {}): TelegramAlertMessage {
  const now = options.now ?? new Date();
  let title = cleanLine(alert.title);
  let summary = cleanParagraphs(alert.summary);

  // Visible length grows one for one with the summary, so one measurement gives the exact cut.
  let overflow = visibleLength(layout(alert, title, summary, now)) - TELEGRAM_TEXT_LIMIT;
  if (overflow > 0 && overflow < summary.length) {
    summary = truncateAtWord(summary, summary.length - overflow);
  } else if (overflow > 0) {
    summary = "";
    overflow = visibleLength(layout(alert, title, summary, now)) - TELEGRAM_TEXT_LIMIT;
    if (overflow > 0) title = truncateAtWord(title, title.length - overflow);
  }

  return {
    text: join(layout(alert, title, summary, now), spanHtml),
    parseMode: "HTML",
    linkPreviewUrl: httpUrl(alert.url) ?? "",
  };
}
