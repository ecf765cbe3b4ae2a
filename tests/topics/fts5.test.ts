import { describe, expect, it } from "vitest";
import { toFts5 } from "../../src/topics/query/fts5.js";
import { parseQuery } from "../../src/topics/query/parser.js";

const NOW = new Date("2025-11-10T12:00:00Z");
const compile = (text: string) => toFts5(parseQuery(text, { allowSince: true }), NOW);

describe("toFts5", () => {
  it.each([
    ["Leaked", 'body : "leak"'],
    ["leak zürich", '(body : "leak" AND body : "zurich")'],
    ["a OR b | c", '(body : "a" OR body : "b" OR body : "c")'],
    ['"climate change"', 'body : "climat chang"'],
    ["elect*", 'body : "elect" *'],
    ['"climate chan"*', 'body : "climat chan" *'],
    ["title:leak source:reuters section:world topic:middle-east", '(title : "leak" AND source : "reuter" AND section : "world" AND topics : "middl east")'],
    ["leak -sport NOT weather", '(body : "leak" NOT (body : "sport" OR body : "weather"))'],
    ["a b -c", '((body : "a" AND body : "b") NOT (body : "c"))'],
    ["a -(b -c)", '(body : "a" NOT ((body : "b" NOT (body : "c"))))'],
    ["(a OR b) -title:(c OR d)", '((body : "a" OR body : "b") NOT ((title : "c" OR title : "d")))'],
    // FTS5 keywords and syntax characters are only ever tokens inside quotes.
    ['OR-AND NEAR "x*" "col:umn" ^start', '(body : "or and" AND body : "near" AND body : "x" AND body : "col umn" AND body : "start")'],
  ])("%s → %s", (text, match) => {
    expect(compile(text)).toEqual({ match, since: null });
  });

  it("turns since: into an inclusive lower bound on publishedAt", () => {
    expect(compile("leak since:24h").since).toEqual(new Date("2025-11-09T12:00:00Z"));
    expect(compile("leak since:2025-11-01").since).toEqual(new Date("2025-11-01T00:00:00Z"));
  });
});
