import { parseFeedDate } from "../dates.js";

// A news page saved as text starts with the headline, then a few short lines the page showed
// around it: section and date as bullets ("• World", "• Wednesday, 26 Nov 2025", "• 10:42 AM
// GMT"), a byline ("By Jane Doe"), "Updated …", "3 min read". The header ends at the first line
// that is none of those: that is where the story (or its photo caption) begins.

export interface TextPageHeader {
  headline: string;
  section: string | null;
  byline: string | null;
  /** The publication time as stated; null when the header has none. */
  published: Date | null;
  /** True when the only time given was an "Updated …" one. */
  fromUpdate: boolean;
  /** Index of the first line after the header. */
  bodyStart: number;
}

/** Header lines are short; anything longer is story text. */
const MAX_HEADER_LINE_CHARS = 120;
/** A header holds a handful of lines; a page with hundreds of bullets is a list, not a story. */
const MAX_HEADER_LINES = 12;

const BULLET = /^[\u2022\u00b7\u25aa\u25cf\u25e6\u2023*\u2013-]\s*/;
const TIME_ONLY = /^\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s+(?:[a-z]{2,5}|[+-]\d{2}:?\d{2}))?$/i;
const STAMP = /^(updated|last updated|published|posted|first published)\b:?\s*(?:on\s+)?(.*)$/i;
const IGNORED = /^(?:\d+\s*min(?:ute)?s?\s+read|listen(?: to this article)?|\d+\s+(?:minutes?|hours?|days?)\s+ago|share|save)$/i;

/** Null when the text has no non-empty line at all. */
export function readTextHeader(lines: string[], now?: Date): TextPageHeader | null {
  const first = lines.findIndex((line) => line.trim() !== "");
  if (first === -1) return null;
  const header: TextPageHeader = { headline: lines[first]!.replace(/\s+/g, " ").trim(), section: null, byline: null, published: null, fromUpdate: false, bodyStart: first + 1 };
  let dateText: string | null = null;
  let timeText: string | null = null;
  let updatedText: string | null = null;
  let seen = 0;

  for (let i = first + 1; i < lines.length && seen < MAX_HEADER_LINES; i++) {
    const line = lines[i]!.replace(/\s+/g, " ").trim();
    if (line === "") continue;
    if (line.length > MAX_HEADER_LINE_CHARS) break;
    const isBullet = BULLET.test(line);
    const text = line.replace(BULLET, "");
    const stamp = STAMP.exec(text);
    if (/^by\s+\S/i.test(text) && header.byline === null) {
      header.byline = cleanByline(text);
    } else if (stamp !== null) {
      if (/^updated|^last/i.test(stamp[1]!)) updatedText ??= stamp[2]!;
      else dateText ??= stamp[2]!;
    } else if (TIME_ONLY.test(text)) {
      timeText ??= text;
    } else if (parseFeedDate(text) !== null) {
      dateText ??= text;
    } else if (IGNORED.test(text)) {
      // Page furniture that says nothing about the story.
    } else if (header.section === null && looksLikeSection(text)) {
      header.section = text;
    } else if (!isBullet) {
      break;
    }
    seen++;
    header.bodyStart = i + 1;
  }

  const stated = dateText === null ? null : parseFeedDate(timeText === null ? dateText : `${dateText} ${timeText}`, now) ?? parseFeedDate(dateText, now);
  if (stated !== null) {
    header.published = stated;
  } else if (updatedText !== null) {
    header.published = parseFeedDate(updatedText, now);
    header.fromUpdate = header.published !== null;
  }
  return header;
}

/** "World", "US Politics", "Middle East & Africa": a few words, no digits, no sentence. */
function looksLikeSection(text: string): boolean {
  return text.length <= 40 && text.split(" ").length <= 4 && !/[\d.!?:;,]/.test(text);
}

/** "By Ruth Adeyemi, Political Correspondent" → "Ruth Adeyemi"; "By JANE DOE" → "Jane Doe". */
function cleanByline(text: string): string {
  let names = text.replace(/^by\s+/i, "");
  const comma = names.indexOf(",");
  if (comma !== -1 && /correspondent|editor|reporter|writer|staff|columnist/i.test(names.slice(comma + 1))) names = names.slice(0, comma);
  names = names.trim();
  // Only names written in capitals are re-cased ("ELENA MARQUEZ and DAVID OKAFOR").
  const letters = names.replace(/\b(?:and|with|in|of)\b/g, "");
  if (letters !== letters.toUpperCase()) return names;
  return names.toLowerCase().replace(/(^|[\s'-])(\p{L})/gu, (_, sep: string, letter: string) => sep + letter.toUpperCase()).replace(/\bAnd\b/g, "and");
}
