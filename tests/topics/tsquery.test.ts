import { describe, expect, it } from "vitest";
import { parseQuery } from "../../src/topics/query/parser.js";
import { toTsquery } from "../../src/topics/query/tsquery.js";

const NOW = new Date("2025-11-10T12:00:00Z");
const compile = (text: string) => toTsquery(parseQuery(text, { allowSince: true }), NOW);

describe("toTsquery", () => {
  it.each([
    ["Leaked", "'b.leak'"],
    ["leak zürich", "('b.leak' & 'b.zurich')"],
    ["a OR b | c", "('b.a' | 'b.b' | 'b.c')"],
    ['"climate change"', "('b.climat' <-> 'b.chang')"],
    ["elect*", "'b.elect':*"],
    ['"climate chan"*', "('b.climat' <-> 'b.chan':*)"],
    ["title:leak source:reuters section:world topic:middle-east", "('t.leak' & 's.reuter' & 'c.world' & ('p.middl' <-> 'p.east'))"],
    ["leak -sport NOT weather", "('b.leak' & !('b.sport' | 'b.weather'))"],
    ["a b -c", "(('b.a' & 'b.b') & !('b.c'))"],
    ["a -(b -c)", "('b.a' & !(('b.b' & !('b.c'))))"],
    // tsquery operators and quotes typed by the user are only ever characters of a token.
    [`"x!" & 'it''s' <-> "y:*"`, "('b.x' & ('b.it' <-> 'b.s') & 'b.y')"],
  ])("%s → %s", (text, tsquery) => {
    expect(compile(text)).toEqual({ tsquery, since: null });
  });

  it("turns since: into an inclusive lower bound on publishedAt", () => {
    expect(compile("leak since:24h").since).toEqual(new Date("2025-11-09T12:00:00Z"));
    expect(compile("leak since:2025-11-01").since).toEqual(new Date("2025-11-01T00:00:00Z"));
  });
});
