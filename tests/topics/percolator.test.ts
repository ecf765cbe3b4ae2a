import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { keyFrequencyFromSample } from "../../src/topics/key-frequency.js";
import { createPercolator, type PercolatorOptions } from "../../src/topics/percolator.js";
import type { Query } from "../../src/topics/query/ast.js";
import { matches } from "../../src/topics/query/matcher.js";
import { parseQuery } from "../../src/topics/query/parser.js";
import { NOW, queryTextArb, storyArb } from "./arbitraries.js";

/** Generated query texts that the parser accepts (the generator can exceed the size limits). */
const validQueryArb = queryTextArb
  .map((text) => {
    try {
      return parseQuery(text);
    } catch {
      return null;
    }
  })
  .filter((query): query is Query => query !== null);

const sorted = (ids: readonly number[]): number[] => [...ids].sort((a, b) => a - b);

describe("percolator", () => {
  it("answers exactly like a loop over every subscription", () => {
    fc.assert(
      fc.property(
        fc.array(validQueryArb, { minLength: 1, maxLength: 40 }),
        fc.array(fc.nat(), { maxLength: 10 }),
        fc.array(storyArb, { minLength: 1, maxLength: 10 }),
        fc.boolean(),
        (queries, removals, stories, learnCosts) => {
          // Key costs only change which key a query is filed under, never the answer.
          const options: PercolatorOptions = learnCosts ? { keyCost: keyFrequencyFromSample(stories.slice(0, 3)) } : {};
          const percolator = createPercolator<number>(options);
          const live = new Map<number, Query>();
          // Every query twice under different ids, so shared groups are exercised too.
          queries.forEach((query, index) => {
            for (const id of [index, index + 1000]) {
              percolator.add(id, query);
              live.set(id, query);
            }
          });
          for (const pick of removals) {
            const id = [...live.keys()][pick % live.size];
            if (id === undefined) continue;
            expect(percolator.remove(id)).toBe(true);
            live.delete(id);
          }
          expect(percolator.size).toBe(live.size);
          for (const story of stories) {
            const naive = [...live].flatMap(([id, query]) => (matches(query, story, NOW) ? [id] : []));
            expect(sorted(percolator.match(story, NOW))).toEqual(sorted(naive));
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  const story = { ...fc.sample(storyArb, 1)[0]!, title: "Leaks in Zürich", summary: "", source: "Reuters", section: null, topics: [] };

  it("replaces the query when an id is added again", () => {
    const percolator = createPercolator<string>();
    percolator.add("chat", parseQuery("weather"));
    percolator.add("chat", parseQuery("zurich"));
    expect(percolator.match(story, NOW)).toEqual(["chat"]);
    expect(percolator.size).toBe(1);
  });

  it("keeps a shared query alive until its last subscriber leaves", () => {
    const percolator = createPercolator<string>();
    percolator.add("a", parseQuery("Leak"));
    percolator.add("b", parseQuery("leaks"));
    expect(sorted2(percolator.match(story, NOW))).toEqual(["a", "b"]);
    expect(percolator.remove("a")).toBe(true);
    expect(percolator.remove("a")).toBe(false);
    expect(percolator.match(story, NOW)).toEqual(["b"]);
    percolator.remove("b");
    expect(percolator.match(story, NOW)).toEqual([]);
    expect(percolator.size).toBe(0);
  });

  it("finds prefix queries shorter and longer than the prefix key", () => {
    const percolator = createPercolator<string>();
    percolator.add("short", parseQuery("z*"));
    percolator.add("long", parseQuery("zuri*"));
    percolator.add("title", parseQuery('title:"leaks in zü"*'));
    percolator.add("miss", parseQuery("zurichx*"));
    expect(sorted2(percolator.match(story, NOW))).toEqual(["long", "short", "title"]);
  });

  it("finds queries added after stories were matched, whose keys the story's words already had", () => {
    const percolator = createPercolator<string>();
    percolator.add("word", parseQuery("zurich"));
    expect(percolator.match(story, NOW)).toEqual(["word"]);
    // New keys for words seen before: a prefix of "zurich" and "leak" itself.
    percolator.add("prefix", parseQuery("zu*"));
    percolator.add("other", parseQuery("leak"));
    expect(sorted2(percolator.match(story, NOW))).toEqual(["other", "prefix", "word"]);
  });

  it("hands out each matching query's subscribers as one list", () => {
    const percolator = createPercolator<string>();
    for (const id of ["a", "b", "c"]) percolator.add(id, parseQuery("zurich OR geneva"));
    percolator.add("d", parseQuery("leak"));
    percolator.add("e", parseQuery("weather"));
    const groups = percolator.matchGroups(story, NOW).map((ids) => [...ids].sort());
    expect(groups.sort((x, y) => x.length - y.length)).toEqual([["d"], ["a", "b", "c"]]);
    // A later change makes a new list; the one handed out before stays as it was.
    const before = percolator.matchGroups(story, NOW);
    percolator.remove("b");
    expect(before.map((ids) => ids.length).sort()).toEqual([1, 3]);
    expect(percolator.match(story, NOW).sort()).toEqual(["a", "c", "d"]);
  });

  it("checks since: against the time given", () => {
    const percolator = createPercolator<string>();
    percolator.add("recent", parseQuery("leak since:1h", { allowSince: true }));
    expect(percolator.match({ ...story, publishedAt: NOW }, NOW)).toEqual(["recent"]);
    expect(percolator.match({ ...story, publishedAt: new Date(NOW.getTime() - 7_200_000) }, NOW)).toEqual([]);
  });
});

function sorted2(ids: readonly string[]): string[] {
  return [...ids].sort();
}
