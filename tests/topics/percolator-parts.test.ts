import { describe, expect, it } from "vitest";
import { keyFrequencyFromSample } from "../../src/topics/key-frequency.js";
import { parseQuery } from "../../src/topics/query/parser.js";
import { guessKeyCost, requiredKeys, type IndexKey } from "../../src/topics/required-terms.js";
import { keyChecks } from "../../src/topics/key-checks.js";

const keysOf = (text: string, cost?: (key: IndexKey) => number): string[] | null =>
  requiredKeys(parseQuery(text).root, cost)?.map((key) => `${key.kind}:${key.field}:${key.value}`) ?? null;

describe("requiredKeys", () => {
  it("files a word under itself and an OR under every branch", () => {
    expect(keysOf("Kyiv")).toEqual(["token:body:kyiv"]);
    expect(keysOf("kyiv OR title:zelensky OR elect*")).toEqual(["token:body:kyiv", "token:title:zelensky", "prefix:body:elect"]);
  });

  it("files an AND under its rarest-looking child, never under an exclusion", () => {
    expect(keysOf("source:reuters zelensky")).toEqual(["token:body:zelensky"]);
    expect(keysOf("the -zelensky summit")).toEqual(["token:body:summit"]);
    expect(keysOf("(kyiv OR odesa) drones", () => 1)).toEqual(["token:body:dron"]);
  });

  it("files a phrase under one of its words and a prefix under at most six letters", () => {
    expect(keysOf('"the president"')).toEqual(["token:body:president"]);
    expect(keysOf("internationali*")).toEqual(["prefix:body:intern"]);
    expect(keysOf('"climate chan"*')).toEqual(["token:body:climat"]);
  });

  it("follows the costs it is given", () => {
    const rareFirst = (key: IndexKey): number => (key.value === "summit" ? 100 : 1);
    expect(keysOf("zelensky summit", rareFirst)).toEqual(["token:body:zelensky"]);
  });

  it("guesses filters and prefixes to be more common than words", () => {
    const cost = (kind: IndexKey["kind"], field: IndexKey["field"], value: string): number => guessKeyCost({ kind, field, value });
    expect(cost("token", "source", "reuter")).toBeGreaterThan(cost("token", "body", "reuter"));
    expect(cost("prefix", "body", "ele")).toBeGreaterThan(cost("prefix", "body", "electi"));
    expect(cost("prefix", "body", "electi")).toBeGreaterThan(cost("token", "body", "electi"));
  });
});

describe("keyFrequencyFromSample", () => {
  const cost = keyFrequencyFromSample([
    { title: "Kyiv drones", summary: "drone strike", source: "Reuters", section: null, topics: ["europe"] },
    { title: "Kyiv talks", summary: "", source: "AP", section: "World", topics: ["europe"] },
  ]);

  it("counts stories, not occurrences, per field", () => {
    expect(cost({ kind: "token", field: "body", value: "kyiv" })).toBe(2);
    expect(cost({ kind: "token", field: "body", value: "dron" })).toBe(1);
    expect(cost({ kind: "token", field: "topic", value: "europ" })).toBe(2);
    expect(cost({ kind: "token", field: "title", value: "strike" })).toBe(0);
  });

  it("bounds a prefix by the counts of the tokens it starts", () => {
    expect(cost({ kind: "prefix", field: "body", value: "k" })).toBe(2);
    expect(cost({ kind: "prefix", field: "body", value: "dr" })).toBe(1);
    expect(cost({ kind: "prefix", field: "body", value: "zz" })).toBe(0);
  });
});

describe("keyChecks", () => {
  const checks = (text: string) => {
    const found = keyChecks(parseQuery(text).root);
    const show = (keys: IndexKey[]): string[] => keys.map((key) => `${key.kind}:${key.field}:${key.value}`);
    return { required: show(found.required), excluded: show(found.excluded), anyOf: found.anyOf.map(show), complete: found.complete };
  };

  it("reads words, short prefixes, exclusions and ORs of those at the top level as the whole query", () => {
    expect(checks("kyiv title:drones elect* -sport -spor* (a OR b*)")).toEqual({
      required: ["token:body:kyiv", "token:title:dron", "prefix:body:elect"],
      excluded: ["token:body:sport", "prefix:body:spor"],
      anyOf: [["token:body:a", "prefix:body:b"]],
      complete: true,
    });
  });

  it("takes the keys a phrase or a long prefix needs, but leaves the rest to the matcher", () => {
    expect(checks('"air raid" "climate chan"* internationali* -"x y" (a OR "b c")')).toEqual({
      required: ["token:body:air", "token:body:raid", "token:body:climat", "prefix:body:chan", "prefix:body:intern"],
      excluded: [],
      anyOf: [],
      complete: false,
    });
  });
});
