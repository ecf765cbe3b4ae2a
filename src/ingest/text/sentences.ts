// Sentence boundaries from Intl.Segmenter, corrected for the abbreviations news copy is full of:
// the segmenter breaks after "U.S." or "Mr." when a capital follows ("the U.S. Treasury said").

const segmenter = new Intl.Segmenter("en", { granularity: "sentence" });

/** Lower-case, without the final dot. A segment ending in one of these continues. */
const ABBREVIATIONS = new Set([
  "u.s", "u.k", "u.n", "e.u", "u.s.a", "d.c", "mr", "mrs", "ms", "dr", "prof", "gen", "sen", "rep", "gov", "lt", "col",
  "sgt", "capt", "cmdr", "adm", "maj", "pres", "st", "jr", "sr", "inc", "corp", "co", "ltd", "vs", "e.g", "i.e", "etc",
  "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "approx", "dept", "fig", "rev",
  "hon", "mt", "ft", "sra", "nr", "bzw", "ca", "vgl", "z.b", "d.h",
]);

/** Splits text into trimmed, non-empty sentences. */
export function splitSentences(text: string): string[] {
  return [...sentencesOf(text)];
}

/**
 * The same sentences one at a time: the segmenter only reads as far as the caller asks, and a
 * summary needs the first two of a body that may run to thousands of characters.
 */
export function* sentencesOf(text: string): Generator<string, void, undefined> {
  let pending = "";
  for (const { segment } of segmenter.segment(text)) {
    pending += segment;
    if (!endsWithAbbreviation(pending)) {
      const s = pending.trim();
      if (s !== "") yield s;
      pending = "";
    }
  }
  const rest = pending.trim();
  if (rest !== "") yield rest;
}

function endsWithAbbreviation(segment: string): boolean {
  // A paragraph break always ends the sentence, whatever came before it.
  if (/\n\s*$/.test(segment)) return false;
  const trimmed = segment.trimEnd();
  if (!trimmed.endsWith(".")) return false;
  const m = /(?:^|[\s("'\u201c])([A-Za-z.]{1,8})\.$/.exec(trimmed.slice(-12));
  if (m === null) return false;
  const word = m[1]!;
  // A single capital is an initial ("John F. Kennedy").
  if (/^[A-Z]$/.test(word)) return true;
  return ABBREVIATIONS.has(word.toLowerCase());
}
