const ELLIPSIS = "…";
const graphemes = new Intl.Segmenter(undefined, { granularity: "grapheme" });
// Trailing separators that read badly before "…" ("Paris,…").
const TRAILING_SEPARATORS = /[\s,;:\-–—]+$/u;

/** The end of the last whole grapheme (emoji, flag, letter with accents) that fits in `limit` code units. */
function lastGraphemeEnd(text: string, limit: number): number {
  let end = 0;
  for (const { index, segment } of graphemes.segment(text)) {
    const next = index + segment.length;
    if (next > limit) break;
    end = next;
  }
  return end;
}

/**
 * Shortens `text` to at most `max` UTF-16 code units (the unit Telegram and JavaScript count),
 * ending with "…". Cuts at the last whitespace when that keeps at least half of the allowance,
 * otherwise after the last whole grapheme, so surrogate pairs and emoji sequences stay whole.
 */
export function truncateAtWord(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max < ELLIPSIS.length) return "";
  const room = max - ELLIPSIS.length;
  const hard = text.slice(0, lastGraphemeEnd(text, room));
  const lastSpace = hard.search(/\s\S*$/);
  const atWord = /\s/.test(text.charAt(hard.length)) ? hard : hard.slice(0, Math.max(lastSpace, 0));
  const head = atWord.length >= room / 2 ? atWord : hard;
  const tidy = head.replace(TRAILING_SEPARATORS, "");
  return (tidy === "" ? head.trimEnd() : tidy) + ELLIPSIS;
}
