// fast-check generators shared by the property tests: stories from a small vocabulary full of
// accents, plurals and hyphens (so that words collide often), and queries from the grammar.
import fc from "fast-check";
import type { MatchableStory } from "../../src/stories/story.js";

export const NOW = new Date("2025-11-10T12:00:00Z");

export const VOCABULARY = [
  "leak", "leaks", "leaked", "Leaking", "café", "CAFE", "cafés", "Zürich", "zurich", "élection",
  "elections", "election", "climate", "change", "climate-change", "middle-east", "east", "Kyiv",
  "Ukraine", "ukraine's", "country", "countries", "emission", "Emissions", "naïve", "naive",
  "Straße", "U.S.", "us", "vote", "voted", "voting", "stop", "stopped", "or", "not", "ΟΔΟΣ", "οδος",
] as const;

const SOURCES = ["Reuters", "AP", "BBC News", "Le Monde", "Zürich Post"] as const;
const SECTIONS = [null, "World", "Business", "Science & Tech", "élections"] as const;
const TOPICS = ["world", "middle-east", "europe", "climate", "ukraine", "elections"] as const;

const HOUR = 3_600_000;

const words = (max: number) => fc.array(fc.constantFrom(...VOCABULARY), { minLength: 0, maxLength: max }).map((list) => list.join(" "));

export const storyArb: fc.Arbitrary<MatchableStory> = fc.record({
  title: words(6),
  summary: words(12),
  source: fc.constantFrom(...SOURCES),
  section: fc.constantFrom(...SECTIONS),
  topics: fc.uniqueArray(fc.constantFrom(...TOPICS), { maxLength: 3 }),
  publishedAt: fc.integer({ min: -72, max: 0 }).map((hours) => new Date(NOW.getTime() + hours * HOUR)),
});

// Query words: the vocabulary plus prefixes of it, so stemmed and unstemmed forms both appear.
const wordArb = fc.constantFrom(...VOCABULARY).map((word) => (word.includes(" ") ? `"${word}"` : word));
const prefixArb = fc.constantFrom(...VOCABULARY).chain((word) =>
  fc.integer({ min: 1, max: word.length }).map((length) => `${word.slice(0, length).replace(/[^\p{L}]+$/u, "") || "a"}*`),
);
const phraseArb = fc
  .array(fc.constantFrom(...VOCABULARY), { minLength: 1, maxLength: 3 })
  .chain((list) => fc.boolean().map((prefix) => `"${list.join(" ")}"${prefix ? "*" : ""}`));
const fieldArb = fc.constantFrom("title:", "source:", "section:", "topic:", "");
const filterWordArb = fc.constantFrom("reuters", "ap", "news", "world", "middle-east", "climate", "elections", "zurich", "tech", "europe");

const atomArb = fc.oneof(wordArb, prefixArb, phraseArb);
const filteredArb = fc.oneof(
  atomArb,
  fc.tuple(fieldArb, fc.oneof(filterWordArb, atomArb)).map(([field, atom]) => `${field}${atom}`),
  fc.tuple(fieldArb, atomArb, atomArb).map(([field, a, b]) => `${field}(${a} OR ${b})`),
);

/** A positive expression: something that needs a word to be present. */
const { positive } = fc.letrec<{ positive: string; conjunction: string }>((tie) => ({
  positive: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    filteredArb,
    fc.tuple(tie("positive"), fc.constantFrom(" OR ", " | "), tie("positive")).map(([a, or, b]) => `(${a}${or}${b})`),
    tie("conjunction").map((inner) => `(${inner})`),
  ),
  conjunction: fc
    .tuple(
      fc.array(tie("positive"), { minLength: 1, maxLength: 3 }),
      fc.array(fc.tuple(fc.constantFrom("-", "NOT "), tie("positive")), { maxLength: 2 }),
      fc.boolean(),
    )
    .map(([wanted, excluded, explicitAnd]) =>
      [...wanted, ...excluded.map(([not, term]) => `${not}${term}`)].join(explicitAnd ? " AND " : " "),
    ),
}));

export const queryTextArb: fc.Arbitrary<string> = positive;

export const searchTextArb: fc.Arbitrary<string> = fc
  .tuple(positive, fc.option(fc.constantFrom("since:30m", "since:6h", "since:24h", "since:2d", "since:2025-11-09"), { nil: undefined }))
  .map(([query, since]) => (since === undefined ? query : `${query} ${since}`));
