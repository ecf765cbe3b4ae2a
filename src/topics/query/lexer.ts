import type { Field } from "./ast.js";
import { QueryError } from "./query-error.js";

/** The pieces of a query string; `start` and `end` are offsets into it. */
export type LexToken =
  | { type: "word"; text: string; prefix: boolean; start: number; end: number }
  | { type: "phrase"; text: string; prefix: boolean; start: number; end: number }
  | { type: "field"; field: Exclude<Field, "body">; start: number; end: number }
  | { type: "since"; value: string; start: number; end: number }
  | { type: "lparen" | "rparen" | "or" | "and" | "not" | "minus"; start: number; end: number };

// Maps, not object literals: a user typing "constructor:" must not reach Object.prototype.
const FIELD_NAMES: ReadonlyMap<string, Exclude<Field, "body">> = new Map([
  ["title", "title"],
  ["source", "source"],
  ["section", "section"],
  ["topic", "topic"],
]);
/** Operators are upper-case only, so "or" and "not" stay searchable words. */
const KEYWORDS: ReadonlyMap<string, "or" | "and" | "not"> = new Map([
  ["OR", "or"],
  ["AND", "and"],
  ["NOT", "not"],
]);

const SPACE = /\s/u;
/** A bare word runs up to a space, a parenthesis, a quote or a bar (sticky: matched in place). */
const BARE_WORD = /[^\s()"|]*/uy;
const FILTER_NAME = /([A-Za-z]+):/y;

export function lex(query: string): LexToken[] {
  const tokens: LexToken[] = [];
  let at = 0;
  while (at < query.length) {
    const char = query[at] ?? "";
    if (SPACE.test(char)) {
      at += 1;
    } else if (char === "(" || char === ")" || char === "|") {
      tokens.push({ type: char === "(" ? "lparen" : char === ")" ? "rparen" : "or", start: at, end: at + 1 });
      at += 1;
    } else if (char === '"') {
      at = lexPhrase(query, at, tokens);
    } else if (char === "-") {
      // "-word" excludes; a dash standing alone ("Kyiv - Moscow") is only punctuation.
      const next = query[at + 1];
      if (next !== undefined && !SPACE.test(next) && next !== ")" && next !== "|") {
        tokens.push({ type: "minus", start: at, end: at + 1 });
      }
      at += 1;
    } else {
      at = lexWordOrFilter(query, at, tokens);
    }
  }
  return tokens;
}

function lexPhrase(query: string, start: number, tokens: LexToken[]): number {
  const close = query.indexOf('"', start + 1);
  if (close === -1) throw new QueryError("unclosed quote", start, query, 'add the closing "');
  const prefix = query[close + 1] === "*";
  const end = prefix ? close + 2 : close + 1;
  tokens.push({ type: "phrase", text: query.slice(start + 1, close), prefix, start, end });
  return end;
}

function lexWordOrFilter(query: string, start: number, tokens: LexToken[]): number {
  FILTER_NAME.lastIndex = start;
  const filter = FILTER_NAME.exec(query);
  if (filter) {
    const name = (filter[1] ?? "").toLowerCase();
    const afterColon = start + filter[0].length;
    const field = FIELD_NAMES.get(name);
    if (field) {
      tokens.push({ type: "field", field, start, end: afterColon });
      return afterColon;
    }
    if (name === "since") {
      const end = wordEnd(query, afterColon);
      tokens.push({ type: "since", value: query.slice(afterColon, end), start, end });
      return end;
    }
    // "Breaking: leak" is text; "titel:leak" is a mistyped filter the user should hear about.
    const glued = afterColon < query.length && !SPACE.test(query[afterColon] ?? " ");
    if (glued) throw new QueryError(`unknown filter “${filter[0]}”`, start, query, "use title:, source:, section: or topic:, or put the text in quotes");
  }
  const end = wordEnd(query, start);
  const raw = query.slice(start, end);
  const keyword = KEYWORDS.get(raw);
  if (keyword) {
    tokens.push({ type: keyword, start, end });
  } else {
    const text = raw.replace(/\*+$/u, "");
    tokens.push({ type: "word", text, prefix: text.length < raw.length, start, end });
  }
  return end;
}

function wordEnd(query: string, from: number): number {
  BARE_WORD.lastIndex = from;
  return BARE_WORD.exec(query) === null ? from : BARE_WORD.lastIndex;
}
