import type { Digest } from "../digest.js";
import { DIGEST_TITLE_MAX, digestHeading, headlineByline, headlineTitle, moreLine, topicLabel } from "./digest-text.js";
import { escapeHtml } from "./escape-html.js";
import type { RenderOptions } from "./render-options.js";
import { httpUrl } from "./safe-link.js";
import { TELEGRAM_TEXT_LIMIT } from "./telegram-alert.js";

export interface TelegramDigestMessage {
  text: string;
  parseMode: "HTML";
  /** Digests carry many links: no preview of any one of them. */
  disableLinkPreview: true;
}

interface Piece {
  html: string;
  /** What Telegram counts against the limit: the text without markup. */
  visible: string;
}

function build(digest: Digest, titleMax: number, now: Date): Piece[] {
  const pieces: Piece[] = [];
  const heading = digestHeading(digest);
  pieces.push({ html: `<b>${escapeHtml(heading)}</b>`, visible: heading });
  for (const section of digest.sections) {
    const label = topicLabel(section.topic);
    const lines = [{ html: `<b>${escapeHtml(label)}</b>`, visible: label }];
    for (const h of section.headlines) {
      const title = headlineTitle(h, titleMax);
      const link = httpUrl(h.url);
      const marker = h.breaking ? "🔴 " : "";
      const byline = headlineByline(h, digest.timezone, now);
      const titleHtml = link ? `<a href="${escapeHtml(link)}">${escapeHtml(title)}</a>` : escapeHtml(title);
      lines.push({ html: `• ${marker}${titleHtml}\n   <i>${escapeHtml(byline)}</i>`, visible: `• ${marker}${title}\n   ${byline}` });
    }
    pieces.push({ html: lines.map((l) => l.html).join("\n"), visible: lines.map((l) => l.visible).join("\n") });
  }
  const more = moreLine(digest);
  if (more) pieces.push({ html: `<i>${escapeHtml(more)}</i>`, visible: more });
  return pieces;
}

const visibleLength = (pieces: Piece[]) => pieces.map((p) => p.visible).join("\n\n").length;

/**
 * A digest as one Telegram HTML message: a heading, then each topic in bold with its headlines
 * as links. Titles are cut (never the markup) until the visible text fits Telegram's limit.
 */
export function renderTelegramDigest(digest: Digest, options: RenderOptions = {}): TelegramDigestMessage {
  const now = options.now ?? new Date();
  let titleMax = DIGEST_TITLE_MAX;
  let pieces = build(digest, titleMax, now);
  while (visibleLength(pieces) > TELEGRAM_TEXT_LIMIT && titleMax > 20) {
    titleMax = Math.floor(titleMax * 0.8);
    pieces = build(digest, titleMax, now);
  }
  return { text: pieces.map((p) => p.html).join("\n\n"), parseMode: "HTML", disableLinkPreview: true };
}
