import type { QueryNode, Query, TermNode } from "./ast.js";
import { runTokens, wordRuns } from "./normalize-text.js";

/** A piece of the original text; `match` pieces are shown in bold (or the platform's equivalent). */
export interface HighlightSegment {
  text: string;
  match: boolean;
}

interface Span {
  start: number;
  end: number;
}

const ELLIPSIS = "…";

/**
 * Splits text into segments, marking the words that a wanted term of the query matches. Only
 * terms that look at title or body count, and never excluded ones: bolding "sport" in a story
 * found by `-sport` would read as the reason it was found.
 */
export function highlightTerms(text: string, query: Query): HighlightSegment[] {
  return segmentsOf(text, matchSpans(text, query), { start: 0, end: text.length });
}

/**
 * At most `maxChars` characters of text (ellipses included) around the first match, cut at
 * spaces where the text has them, as highlighted segments. Expects `maxChars` of 3 or more.
 */
export function snippet(text: string, query: Query, maxChars: number): HighlightSegment[] {
  const spans = matchSpans(text, query);
  if (text.length <= maxChars) return segmentsOf(text, spans, { start: 0, end: text.length });
  const room = Math.max(1, maxChars - 2 * ELLIPSIS.length);
  // Put the first match about a third of the way in, so the reader gets some lead-in.
  const anchor = spans[0]?.start ?? 0;
  let start = Math.max(0, Math.min(anchor - Math.floor(room / 3), text.length - room));
  let end = Math.min(text.length, start + room);
  if (start > 0) start = snapForward(text, start, anchor);
  if (end < text.length) end = snapBack(text, end, Math.max(start + 1, spans[0]?.end ?? 0));
  // Never split a surrogate pair (an emoji) at either end.
  if (isLowSurrogate(text, start)) start += 1;
  if (isLowSurrogate(text, end)) end -= 1;
  const segments = segmentsOf(text, spans, { start, end });
  if (start > 0) segments.unshift({ text: ELLIPSIS, match: false });
  if (end < text.length) segments.push({ text: ELLIPSIS, match: false });
  return segments;
}

/** Where the wanted terms occur, as merged, sorted character spans of the original text. */
function matchSpans(text: string, query: Query): Span[] {
  const terms = wantedTerms(query.root);
  if (terms.length === 0) return [];
  const runs = wordRuns(text);
  const tokens: Array<{ token: string; run: number }> = [];
  runs.forEach((run, index) => {
    for (const token of runTokens(text.slice(run.start, run.end))) tokens.push({ token, run: index });
  });
  const spans: Span[] = [];
  for (const term of terms) {
    const wanted = term.type === "word" ? [term.token] : term.tokens;
    for (let at = 0; at + wanted.length <= tokens.length; at += 1) {
      if (!occursAt(tokens, at, wanted, term.type === "prefix")) continue;
      const first = runs[tokens[at]?.run ?? 0];
      const last = runs[tokens[at + wanted.length - 1]?.run ?? 0];
      if (first && last) spans.push({ start: first.start, end: last.end });
    }
  }
  return merge(spans);
}

function wantedTerms(node: QueryNode): TermNode[] {
  switch (node.type) {
    case "not":
      return [];
    case "and":
    case "or":
      return node.children.flatMap(wantedTerms);
    default:
      return node.field === "body" || node.field === "title" ? [node] : [];
  }
}

function occursAt(tokens: ReadonlyArray<{ token: string }>, at: number, wanted: readonly string[], lastIsPrefix: boolean): boolean {
  return wanted.every((token, i) => {
    const actual = tokens[at + i]?.token ?? "";
    return lastIsPrefix && i === wanted.length - 1 ? actual.startsWith(token) : actual === token;
  });
}

function merge(spans: Span[]): Span[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  const merged: Span[] = [];
  for (const span of sorted) {
    const previous = merged.at(-1);
    if (previous && span.start <= previous.end) previous.end = Math.max(previous.end, span.end);
    else merged.push({ ...span });
  }
  return merged;
}

/** The window's text cut into alternating plain and matched segments. */
function segmentsOf(text: string, spans: readonly Span[], window: Span): HighlightSegment[] {
  const segments: HighlightSegment[] = [];
  const push = (from: number, to: number, match: boolean): void => {
    if (to > from) segments.push({ text: text.slice(from, to), match });
  };
  let at = window.start;
  for (const span of spans) {
    const start = Math.max(span.start, window.start);
    const end = Math.min(span.end, window.end);
    if (end <= start) continue;
    push(at, start, false);
    push(start, end, true);
    at = end;
  }
  push(at, window.end, false);
  return segments;
}

/** Moves a cut to just after the next space, unless that would skip past `limit`. */
function snapForward(text: string, cut: number, limit: number): number {
  const space = text.indexOf(" ", cut);
  return space !== -1 && space < limit ? space + 1 : cut;
}

/** Moves a cut back to the last space, unless that would cut before `limit`. */
function snapBack(text: string, cut: number, limit: number): number {
  const space = text.lastIndexOf(" ", cut);
  return space >= limit ? space : cut;
}

function isLowSurrogate(text: string, at: number): boolean {
  const code = text.charCodeAt(at);
  return code >= 0xdc00 && code <= 0xdfff;
}
