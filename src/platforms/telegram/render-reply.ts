import type { InlineKeyboardMarkup } from "grammy/types";
import type { Block, Reply, Span, StoryLine } from "../../../commands/reply.js";
import { formatLocalTime } from "../../delivery/render/format-local-time.js";
import type { ButtonActions, OnPress } from "./button-actions.js";
import { piecesToHtml, type Piece } from "./html-pieces.js";

export interface TelegramReply {
  /** Telegram HTML (parse_mode "HTML"), at most 4096 visible characters. */
  text: string;
  replyMarkup?: InlineKeyboardMarkup;
}

const newline: Piece = { text: "\n" };

function spanPiece(span: Span): Piece {
  if (typeof span === "string") return { text: span };
  // Highlighted words (search matches) read as bold: Telegram has no highlight.
  return { text: span.text, bold: span.bold || span.highlight, italic: span.italic, code: span.code, href: span.href };
}

function storyPieces(story: StoryLine, index: number, timezone: string, now: Date): Piece[] {
  const pieces: Piece[] = [{ text: `${index + 1}. ${story.breaking ? "🔴 " : ""}` }, { text: story.title, bold: true, href: story.url }, newline];
  const when = formatLocalTime(story.publishedAt, timezone, now);
  pieces.push({ text: when === "" ? story.source : `${story.source} · ${when}`, italic: true });
  if (story.snippet && story.snippet.length > 0) pieces.push(newline, ...story.snippet.map((part) => ({ text: part.text, bold: part.match })));
  return pieces;
}

function blockPieces(block: Block, now: Date): Piece[] {
  if (block.type === "text") return block.spans.map(spanPiece);
  if (block.type === "list") return block.items.flatMap((item, i) => [...(i > 0 ? [newline] : []), { text: "• " }, ...item.map(spanPiece)]);
  return block.stories.flatMap((story, i) => [...(i > 0 ? [newline, newline] : []), ...storyPieces(story, i, block.timezone, now)]);
}

/** Buttons become an inline keyboard whose callback_data names the command each one runs. */
export function keyboardOf(rows: Reply["buttons"], actions: ButtonActions, onPress: OnPress): InlineKeyboardMarkup | undefined {
  if (!rows || rows.length === 0) return undefined;
  return { inline_keyboard: rows.map((row) => row.map((b) => ({ text: b.label, callback_data: actions.encode({ action: b.action, onPress }) }))) };
}

/**
 * A command's reply as a Telegram message: every piece of data escaped, blocks separated by a
 * blank line, errors marked so they stand out in a busy group.
 */
export function renderReplyForTelegram(reply: Reply, actions: ButtonActions, now = new Date()): TelegramReply {
  const pieces: Piece[] = reply.isError ? [{ text: "⚠️ " }] : [];
  reply.blocks.forEach((block, i) => {
    if (i > 0) pieces.push(newline, newline);
    pieces.push(...blockPieces(block, now));
  });
  const replyMarkup = keyboardOf(reply.buttons, actions, "edit");
  return { text: piecesToHtml(pieces), ...(replyMarkup ? { replyMarkup } : {}) };
}
