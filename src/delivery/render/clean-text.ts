// C0 and C1 control characters other than tab and newline: a terminal obeys them (ESC starts a
// control sequence) and chat apps show them as boxes, so feed data never carries them through.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;
// A lone surrogate is not valid UTF-8: Telegram and Discord reject the whole request.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function withoutControlChars(text: string): string {
  return text.replace(LONE_SURROGATE, "\uFFFD").replace(/\r\n?/g, "\n").replace(CONTROL_CHARS, "");
}

/** One line of data (a headline, a source name): every run of whitespace becomes one space. */
export function cleanLine(text: string): string {
  return withoutControlChars(text).replace(/\s+/g, " ").trim();
}

/** Multi-line data (a summary): keeps paragraph breaks, at most one blank line in a row. */
export function cleanParagraphs(text: string): string {
  return withoutControlChars(text)
    .split("\n")
    .map((line) => line.replace(/[^\S\n]+/g, " ").trim())
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}
