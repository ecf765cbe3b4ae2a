import { describe, expect, it } from "vitest";
import { describeQuery } from "../../src/topics/query/describe-query.js";
import { parseQuery } from "../../src/topics/query/parser.js";

const describeText = (text: string): string => describeQuery(parseQuery(text, { allowSince: true }));

describe("describeQuery", () => {
  it.each([
    ["leak", "“leak”"],
    ["Leaked Zürich", "“Leaked” AND “Zürich”"],
    ["title:leak (source:reuters OR source:ap)", "title contains “leak” AND (source is “reuters” OR source is “ap”)"],
    ['"climate change" OR emissions -sport', "(“climate change” OR “emissions”) AND NOT “sport”"],
    ["elect* section:tech*", "a word starting with “elect” AND section starts with “tech”"],
    ['title:"climate chan"*', "title contains “climate chan…”"],
    ["title:elect*", "title contains a word starting with “elect”"],
    ["leak -(spy OR agent)", "“leak” AND NOT (“spy” OR “agent”)"],
    ["(a b) OR c", "(“a” AND “b”) OR “c”"],
    ["topic:middle-east", "topic is “middle-east”"],
    ["leak since:24h", "“leak” AND published in the last 24 hours"],
    ["leak since:1d", "“leak” AND published in the last day"],
    ["leak since:30m", "“leak” AND published in the last 30 minutes"],
    ["leak since:2025-11-01", "“leak” AND published since 2025-11-01"],
  ])("%s → %s", (text, expected) => {
    expect(describeText(text)).toBe(expected);
  });
});
