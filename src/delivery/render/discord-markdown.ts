import { truncateAtWord } from "./truncate-at-word.js";

const ZERO_WIDTH_SPACE = "\u200B";

/**
 * Breaks `@everyone`, `@here` and `<@…>`/`<#…>` mentions with a zero-width space so they stay
 * plain text. `allowedMentions` already stops the ping; this also stops a headline from showing as
 * a mention (and from pinging if a message is ever sent without `allowedMentions`).
 */
export function neutraliseMentions(text: string): string {
  return text
    .replace(/@(everyone|here)/gi, `@${ZERO_WIDTH_SPACE}$1`)
    .replace(/<([@#])/g, `<${ZERO_WIDTH_SPACE}$1`);
}

export interface MarkdownContext {
  /** Masked links `[text](url)` render in descriptions and field values, not in titles. */
  links: boolean;
}

/**
 * Escapes Discord markdown in data so it reads literally: emphasis, strike, code and spoiler
 * characters anywhere; block quotes, headers and lists at the start of a line; brackets where
 * masked links render. The backslash itself is escaped first so data cannot undo an escape.
 */
export function escapeDiscordMarkdown(text: string, { links }: MarkdownContext): string {
  let out = text.replace(/[\\*_~`|]/g, "\\$&");
  if (links) out = out.replace(/[[\]]/g, "\\$&");
  out = out
    .replace(/^(\s*)>/gm, "$1\\>")
    .replace(/^(\s*)(#{1,3}\s)/gm, "$1\\$2")
    .replace(/^(\s*)(-\s)/gm, "$1\\$2")
    .replace(/^(\s*)(\d+)\.(\s)/gm, "$1$2\\.$3");
  return neutraliseMentions(out);
}

/**
 * Cuts already-escaped markdown to `max` with "…". A hard cut can separate a backslash from the
 * character it escapes; an odd run of trailing backslashes means one is dangling, so it goes.
 */
export function truncateEscapedMarkdown(escaped: string, max: number): string {
  const cut = truncateAtWord(escaped, max);
  if (cut === escaped || !cut.endsWith("…")) return cut;
  const head = cut.slice(0, -1);
  const trailing = head.length - head.replace(/\\+$/, "").length;
  return trailing % 2 === 1 ? `${head.slice(0, -1)}…` : cut;
}
