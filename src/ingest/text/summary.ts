import { stripDateline } from "./dateline.js";
import { sentencesOf } from "./sentences.js";

export interface SummaryOptions {
  /** The headline: a body that opens by repeating it starts after it. */
  title?: string;
  maxChars?: number;
}

const DEFAULT_MAX_CHARS = 300;
/** Enough text for two sentences after a repeated headline; the segmenter never sees the rest. */
const HEAD_CHARS = 3000;

/**
 * The lead of a plain-text body: one or two whole sentences within `maxChars`, without the wire
 * dateline and never just the headline again. A first sentence longer than the limit is cut at a
 * word boundary and ends with "…".
 */
export function summarize(text: string, opts: SummaryOptions = {}): string {
  const max = opts.maxChars ?? DEFAULT_MAX_CHARS;
  const title = normalise(opts.title ?? "");
  const sentences = sentencesOf(headOf(text));
  let first = sentences.next().value;

  // Drop leading sentences that only repeat the headline, and a headline glued to the lead.
  while (first !== undefined && title !== "") {
    const normalised = normalise(first);
    if (normalised === "" || (title.includes(normalised) && normalised.length * 2 >= title.length)) {
      first = sentences.next().value;
      continue;
    }
    if (normalised.startsWith(title)) first = afterHeadline(first, opts.title!);
    break;
  }
  if (first === undefined) return "";
  first = stripDateline(first);
  if (first === "") first = sentences.next().value;
  if (first === undefined) return "";

  if (first.length > max) return cutAtWord(first, max);
  const second = sentences.next().value;
  const summary = second !== undefined && first.length + 1 + second.length <= max ? `${first} ${second}` : first;
  return title !== "" && normalise(summary) === title ? "" : summary;
}

function headOf(text: string): string {
  const head = text.length > HEAD_CHARS ? text.slice(0, text.lastIndexOf(" ", HEAD_CHARS) + 1 || HEAD_CHARS) : text;
  // Most text has single spaces already: testing is cheaper than rewriting it.
  return (/[^\S\n ]| {2}/.test(head) ? head.replace(/[^\S\n]+/g, " ") : head).trim();
}

/** The sentence after a headline it starts with, minus the separator (": ", " - ", " | "). */
function afterHeadline(sentence: string, title: string): string {
  // Walk the sentence until as many letters and digits as the title holds have been seen.
  const wanted = normalise(title).replace(/ /g, "").length;
  let seen = 0;
  let i = 0;
  while (i < sentence.length && seen < wanted) {
    if (/[\p{L}\p{N}]/u.test(sentence[i]!)) seen++;
    i++;
  }
  return sentence.slice(i).replace(/^[\s\p{P}\p{S}]+/u, (m) => (/[("'\u201c\u2018]$/.test(m) ? m.slice(-1) : "")).trim();
}

/** At most `max` characters including the ellipsis, cut between words. */
function cutAtWord(sentence: string, max: number): string {
  const room = sentence.slice(0, max - 1);
  const space = room.lastIndexOf(" ");
  let cut = space > max / 3 ? room.slice(0, space) : room;
  // Never leave half of a surrogate pair behind.
  if (/[\ud800-\udbff]$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut.replace(/[\s,;:\u2013\u2014-]+$/, "")}…`;
}

/** For comparisons only: lower case, letters and digits separated by single spaces. */
function normalise(text: string): string {
  const lower = text.toLowerCase();
  // The Unicode classes are slow to test; printable ASCII needs only the ASCII ones.
  return (PRINTABLE_ASCII.test(lower) ? lower.replace(/[^a-z0-9]+/g, " ") : lower.replace(/[^\p{L}\p{N}]+/gu, " ")).trim();
}

const PRINTABLE_ASCII = /^[\u0020-\u007e]*$/;
