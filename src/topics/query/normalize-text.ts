import { stem } from "./stem.js";

/**
 * The one normaliser shared by documents, queries and highlighting. Text is cut into runs of
 * letters, digits and marks in the ORIGINAL string first, and each run is folded on its own, so
 * that a highlighter walking the original text sees exactly the tokens the matcher saw.
 */

const WORD_RUN = /[\p{L}\p{N}\p{M}]+/gu;
/**
 * Besides non-letters, a few letters that SQLite's Unicode tables still class as spacing marks
 * (New Tai Lue vowels, two Vedic signs): FTS5 splits words on them, so we do too.
 */
const NOT_WORD_CHAR = /(?:[^\p{L}\p{N}]|[\u{19B0}-\u{19C0}\u{19C8}\u{19C9}\u{1CF2}\u{1CF3}])+/u;
const MARKS = /\p{M}+/gu;
const ASCII_WORD = /^[A-Za-z0-9]+$/;

/**
 * One fold beyond lower-casing and NFKD: JavaScript lower-cases a word-final "Σ" to "ς" and any
 * other to "σ", while FTS5 treats the two as one letter: mapping both to "σ" keeps the matcher
 * in agreement (tests/topics/fts5-tokenizer-agreement.test.ts checks every letter).
 */
const FINAL_SIGMA = /ς/gu;

export interface WordRun {
  /** Offsets into the original text: `text.slice(start, end)`. */
  start: number;
  end: number;
}

/** Where the words are in the original text. */
export function wordRuns(text: string): WordRun[] {
  const runs: WordRun[] = [];
  for (const found of text.matchAll(WORD_RUN)) {
    runs.push({ start: found.index, end: found.index + found[0].length });
  }
  return runs;
}

/** Case-fold, accent-fold and split one run; compatibility forms ("½", "ﬁ") may split it further. */
export function foldRun(run: string): string[] {
  // Most news text is plain ASCII, which needs no Unicode normalisation: skip the costly part.
  if (ASCII_WORD.test(run)) return [run.toLowerCase()];
  const folded = run.toLowerCase().normalize("NFKD").replace(MARKS, "").toLowerCase().replace(FINAL_SIGMA, "σ");
  return folded.split(NOT_WORD_CHAR).filter((part) => part !== "");
}

/** The tokens of one run, stemmed: what both documents and query words are reduced to. */
export function runTokens(run: string): string[] {
  return foldRun(run).map(stem);
}

/** The search tokens of any text, in order. */
export function searchTokens(text: string): string[] {
  const tokens: string[] = [];
  // exec() in a loop: matchAll's iterator costs more than the folding on short ASCII words.
  WORD_RUN.lastIndex = 0;
  for (let found = WORD_RUN.exec(text); found !== null; found = WORD_RUN.exec(text)) {
    for (const part of foldRun(found[0])) tokens.push(stem(part));
  }
  return tokens;
}
