import { describe, expect, it } from "vitest";
import type { Field, Query, QueryNode } from "../../src/topics/query/ast.js";
import { parseQuery } from "../../src/topics/query/parser.js";
import { QueryError } from "../../src/topics/query/query-error.js";
import { QUERY_LIMITS } from "../../src/topics/query/query-limits.js";

const parse = (text: string): QueryNode => parseQuery(text).root;
const word = (token: string, text = token, field: Field = "body"): QueryNode => ({ type: "word", field, token, text });

describe("parseQuery: constructs", () => {
  it("reads one word, normalised like documents but keeping the text as typed", () => {
    expect(parse("Leaked")).toEqual(word("leak", "Leaked"));
  });

  it("ANDs words, with or without AND", () => {
    const expected = { type: "and", children: [word("leak"), word("zurich", "Zürich")] };
    expect(parse("leak Zürich")).toEqual(expected);
    expect(parse("leak AND Zürich")).toEqual(expected);
  });

  it("reads OR and | as alternatives, binding tighter than AND", () => {
    expect(parse("tesla recall OR lawsuit | inquiry")).toEqual({
      type: "and",
      children: [word("tesla"), { type: "or", children: [word("recall"), word("lawsuit"), word("inquiry")] }],
    });
  });

  it("treats lower-case or/and/not as words", () => {
    expect(parse("war or calm")).toEqual({ type: "and", children: [word("war"), word("or"), word("calm")] });
  });

  it("reads quoted phrases, and a word with inner punctuation as a phrase", () => {
    expect(parse('"Climate Change"')).toEqual({ type: "phrase", field: "body", tokens: ["climat", "chang"], text: "Climate Change" });
    expect(parse("middle-east")).toEqual({ type: "phrase", field: "body", tokens: ["middl", "east"], text: "middle-east" });
    expect(parse('"leaks"')).toEqual(word("leak", "leaks"));
  });

  it("reads prefixes on words and on phrases", () => {
    expect(parse("elect*")).toEqual({ type: "prefix", field: "body", tokens: ["elect"], text: "elect" });
    expect(parse('"climate chan"*')).toEqual({ type: "prefix", field: "body", tokens: ["climat", "chan"], text: "climate chan" });
  });

  it("reads -word and NOT word as exclusions beside what is wanted", () => {
    const expected = { type: "and", children: [word("leak"), { type: "not", child: word("sport") }] };
    expect(parse("leak -sport")).toEqual(expected);
    expect(parse("leak NOT sport")).toEqual(expected);
    expect(parse("-sport leak")).toEqual({ type: "and", children: [{ type: "not", child: word("sport") }, word("leak")] });
  });

  it("treats a dash standing alone as punctuation", () => {
    expect(parse("Kyiv - Moscow")).toEqual({ type: "and", children: [word("kyiv", "Kyiv"), word("moscow", "Moscow")] });
  });

  it("groups with parentheses and flattens nested ANDs", () => {
    expect(parse("a (b -c)")).toEqual({ type: "and", children: [word("a"), word("b"), { type: "not", child: word("c") }] });
    expect(parse("(a OR b) c")).toEqual({ type: "and", children: [{ type: "or", children: [word("a"), word("b")] }, word("c")] });
    expect(parse("-(a OR b) c")).toEqual({
      type: "and",
      children: [{ type: "not", child: { type: "or", children: [word("a"), word("b")] } }, word("c")],
    });
  });

  it("applies field filters to a word, a phrase, a prefix and a group", () => {
    expect(parse("title:leak")).toEqual(word("leak", "leak", "title"));
    expect(parse('Source:"Associated Press"')).toEqual({ type: "phrase", field: "source", tokens: ["associat", "press"], text: "Associated Press" });
    expect(parse("section:tech*")).toEqual({ type: "prefix", field: "section", tokens: ["tech"], text: "tech" });
    expect(parse("topic:(europe OR middle-east)")).toEqual({
      type: "or",
      children: [word("europ", "europe", "topic"), { type: "phrase", field: "topic", tokens: ["middl", "east"], text: "middle-east" }],
    });
    expect(parse("leak -source:tabloid")).toEqual({ type: "and", children: [word("leak"), { type: "not", child: word("tabloid", "tabloid", "source") }] });
  });

  it("reads an unknown name with a colon and a space as text", () => {
    expect(parse("Breaking: leak")).toEqual({ type: "and", children: [word("break", "Breaking:"), word("leak")] });
  });

  it("skips words that are only punctuation", () => {
    expect(parse("AT&T & Verizon")).toEqual({
      type: "and",
      children: [{ type: "phrase", field: "body", tokens: ["at", "t"], text: "AT&T" }, word("verizon", "Verizon")],
    });
  });

  it("reads since: in /search as durations and dates", () => {
    const since = (text: string): Query["since"] => parseQuery(`leak since:${text}`, { allowSince: true }).since;
    expect(since("30m")).toEqual({ type: "duration", ms: 30 * 60_000, text: "30m" });
    expect(since("24h")).toEqual({ type: "duration", ms: 24 * 3_600_000, text: "24h" });
    expect(since("7d")).toEqual({ type: "duration", ms: 7 * 86_400_000, text: "7d" });
    expect(since("2w")).toEqual({ type: "duration", ms: 14 * 86_400_000, text: "2w" });
    expect(since("2025-11-01")).toEqual({ type: "date", date: new Date("2025-11-01T00:00:00Z"), text: "2025-11-01" });
    expect(parseQuery("leak").since).toBeNull();
  });
});

describe("parseQuery: errors", () => {
  const failure = (text: string, allowSince = false): { message: string; position: number | null } => {
    try {
      parseQuery(text, { allowSince });
    } catch (error) {
      if (error instanceof QueryError) return { message: error.message, position: error.position };
      throw error;
    }
    throw new Error(`expected "${text}" to be refused`);
  };

  it.each([
    ["", "the query is empty; type at least one word to look for", null],
    ["  — & ", "the query is empty; type at least one word to look for", null],
    ['eu "data leak', 'unclosed quote at character 4; add the closing "', 3],
    ['leak ""', "nothing to look for inside the quotes at character 6; put words between them", 5],
    ["spy NOT", "expected a word after NOT at character 5", 4],
    ["spy -(", "unclosed ( at character 6; add a ) to close it", 5],
    ["leak AND", "expected a word after AND at character 6", 5],
    ["AND leak", "expected a word before AND at character 1", 0],
    ["leak OR", "expected a word after OR at character 6", 5],
    ["OR leak", "expected a word before OR at character 1", 0],
    ["leak | ", "expected a word after OR at character 6", 5],
    ["(leak OR) x", "expected a word after OR at character 7", 6],
    ["leak OR OR x", "expected a word after OR at character 6", 5],
    ["(leak spy", "unclosed ( at character 1; add a ) to close it", 0],
    ["leak spy) x", "unmatched ) at character 9; remove it or add a ( before it", 8],
    ["leak ()", "empty parentheses at character 6; put words inside them or remove them", 5],
    ["-leak", "add at least one word to look for; -word and NOT word only leave stories out", null],
    ["NOT leak -spy", "add at least one word to look for; -word and NOT word only leave stories out", null],
    ["(-a) (-b)", "add at least one word to look for; -word and NOT word only leave stories out", null],
    ["leak OR -spy", "one side of OR only excludes words at character 9; give each side a word to look for, or move the exclusion outside: (a OR b) -c", 8],
    ["(-a -b) OR c", "one side of OR only excludes words at character 1; give each side a word to look for, or move the exclusion outside: (a OR b) -c", 0],
    ["leak NOT -spy", "NOT can't exclude an exclusion at character 6; remove one of them", 5],
    ["leak --spy", "- can't exclude an exclusion at character 6; remove one of them", 5],
    ["titel:leak", "unknown filter “titel:” at character 1; use title:, source:, section: or topic:, or put the text in quotes", 0],
    ["leak title:", "expected a word after title: at character 6; write title:word, title:\"a phrase\" or title:(a OR b)", 5],
    ["title:-leak", "expected a word after title: at character 1; write title:word, title:\"a phrase\" or title:(a OR b)", 0],
    ["title:(a source:b)", "source: can't be used inside title: at character 10; filters don't nest", 9],
    ["leak since:24h", "since: is only allowed in /search at character 6; subscriptions always look at new stories", 5],
  ])("refuses %j", (text, message, position) => {
    expect(failure(text)).toEqual({ message, position });
  });

  it.each([
    ["since:24h", "add at least one word to look for; since: only narrows a search by time", null],
    ["leak since:5x", "“since:5x” is not a time at character 6; use a duration like 30m, 24h or 7d, or a date like 2025-11-01", 5],
    ["leak since:2025-02-30", "“since:2025-02-30” is not a time at character 6; use a duration like 30m, 24h or 7d, or a date like 2025-11-01", 5],
    ["leak since:0h", "“since:0h” is not a time at character 6; use a duration like 30m, 24h or 7d, or a date like 2025-11-01", 5],
    ["leak since:", "“since:” is not a time at character 6; use a duration like 30m, 24h or 7d, or a date like 2025-11-01", 5],
    ["leak since:1h since:2h", "since: given twice at character 15; keep one", 14],
    ["(leak since:1h)", "since: can't be inside parentheses at character 7; since: applies to the whole query; put it outside parentheses, OR, NOT and filters", 6],
    ["leak OR since:1h", "since: can't be part of an OR at character 9; since: applies to the whole query; put it outside parentheses, OR, NOT and filters", 8],
    ["leak -since:1h", "since: can't follow - at character 7; since: applies to the whole query; put it outside parentheses, OR, NOT and filters", 6],
    ["title:(leak since:1h)", "since: can't be inside title: at character 13; since: applies to the whole query; put it outside parentheses, OR, NOT and filters", 12],
  ])("refuses %j in /search", (text, message, position) => {
    expect(failure(text, true)).toEqual({ message, position });
  });

  it("counts characters as the user sees them, not UTF-16 units", () => {
    expect(failure('🚀🚀 "leak').message).toBe('unclosed quote at character 4; add the closing "');
  });

  it("refuses hostile input: too long, too many words, too deep", () => {
    expect(failure("a ".repeat(QUERY_LIMITS.maxChars)).message).toBe(`the query is too long (${QUERY_LIMITS.maxChars * 2} characters); keep it under ${QUERY_LIMITS.maxChars}`);
    const words = Array.from({ length: QUERY_LIMITS.maxTerms + 1 }, (_, i) => `w${i}`).join(" ");
    expect(failure(words).message).toMatch(/^too many words at character \d+; use at most \d+$/);
    expect(failure(`${"(".repeat(QUERY_LIMITS.maxDepth + 1)}a${")".repeat(QUERY_LIMITS.maxDepth + 1)}`)).toEqual({
      message: `the query is nested too deeply at character ${QUERY_LIMITS.maxDepth + 1}; use at most ${QUERY_LIMITS.maxDepth} levels of parentheses, filters and NOT`,
      position: QUERY_LIMITS.maxDepth,
    });
    expect(failure(`a ${"-".repeat(20)}b`).message).toMatch(/^the query is nested too deeply/);
  });

  it("never reaches Object.prototype through filter names", () => {
    expect(failure("constructor:x").message).toMatch(/^unknown filter “constructor:”/);
    expect(parse("constructor")).toEqual(word("constructor"));
  });
});
