import { describe, expect, it } from "vitest";
import type { MatchableStory } from "../../src/stories/story.js";
import { matches } from "../../src/topics/query/matcher.js";
import { parseQuery } from "../../src/topics/query/parser.js";

const NOW = new Date("2025-11-10T12:00:00Z");

const story: MatchableStory = {
  title: "Pentagon leaks: documents leaked from Zürich café",
  summary: "Officials say the classified files were leaking for weeks. The U.S. and Ukraine's allies react; climate talks stall.",
  source: "Reuters",
  section: "World News",
  topics: ["middle-east", "security"],
  publishedAt: new Date("2025-11-10T06:00:00Z"),
};

const check = (text: string): boolean => matches(parseQuery(text, { allowSince: true }), story, NOW);

describe("matches", () => {
  it.each([
    "leak",
    "LEAKING",
    "zurich cafe",
    "Ukraine",
    "classified OR secret",
    "secret OR classified",
    '"documents leaked"',
    '"document leak"',
    '"u.s."',
    "U.S.",
    "leak*",
    "pent*",
    '"climate tal"*',
    "title:pentagon",
    'title:"zürich café"',
    "title:(missing OR pentagon)",
    "source:reuters",
    "source:REUTERS",
    "section:world",
    'section:"world news"',
    "topic:middle-east",
    'topic:"middle east"',
    "topic:secur*",
    "leak -sport",
    "leak NOT title:ukraine",
    "leak -(sport OR weather)",
    "(leak OR spy) (cafe OR bar)",
    "leak since:6h",
    "leak since:360m",
    "leak since:2025-11-10",
  ])("matches %j", (text) => expect(check(text)).toBe(true));

  it.each([
    "sport",
    "leak sport",
    '"documents pentagon"',
    '"climate stall"',
    "leaky*",
    "title:ukraine",
    "title:climate",
    "source:ap",
    "section:business",
    "topic:europe",
    "topic:east-asia",
    "leak -ukraine",
    "leak NOT source:reuters",
    "leak -(sport OR zurich)",
    '"pentagon leak"*  -cafe',
    "leak since:5h",
    "leak since:2025-11-11",
  ])("does not match %j", (text) => expect(check(text)).toBe(false));

  it("looks for plain words in title and summary only", () => {
    expect(check("reuters")).toBe(false);
    expect(check("security")).toBe(false);
    expect(check("pentagon officials")).toBe(true);
  });

  it("lets a phrase run from the title into the summary, as the FTS body column does", () => {
    expect(check('"café officials"')).toBe(true);
  });

  it("treats a story without a section as having an empty one", () => {
    expect(matches(parseQuery("section:world"), { ...story, section: null }, NOW)).toBe(false);
  });

  it("uses the current time when none is given", () => {
    const fresh = { ...story, publishedAt: new Date() };
    expect(matches(parseQuery("leak since:1h", { allowSince: true }), fresh)).toBe(true);
  });
});
