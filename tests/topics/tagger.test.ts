import { describe, expect, it } from "vitest";
import { catalogTopics } from "../../src/topics/catalog.js";
import { searchDocument } from "../../src/topics/query/search-document.js";
import { createTagger } from "../../src/topics/tagger.js";

const tagger = createTagger(catalogTopics);

describe("tagger", () => {
  it("tags a story with every catalog topic its text matches, in catalog order", () => {
    const topics = tagger.tag({ title: "Kremlin rejects Kyiv ceasefire offer", summary: "Moscow said talks could not start.", source: "Wire", section: null, categories: [] });
    expect(topics).toEqual(expect.arrayContaining(["russia", "ukraine"]));
    expect(topics).not.toContain("sports");
    const positions = topics.map((slug) => catalogTopics.findIndex((t) => t.slug === slug));
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  });

  it("reads feed categories as text, like the summary", () => {
    const item = { title: "Late goal settles the derby", summary: "", source: "Wire", section: null };
    expect(tagger.tag({ ...item, categories: [] })).not.toContain("sports");
    expect(tagger.tag({ ...item, categories: ["Football"] })).toContain("sports");
  });

  it("keeps a source's own topics first and stores the search document of the tagged story", () => {
    const item = { title: "Wildfires spread across Greece", summary: "Firefighters battle the blaze near Athens.", source: "Herald", section: "World", categories: ["World"] };
    const { topics, search } = tagger.tagForStorage(item, ["local", "climate"]);
    expect(topics.slice(0, 2)).toEqual(["local", "climate"]);
    expect(topics.filter((slug) => slug === "climate")).toHaveLength(1);
    expect(topics).toEqual([...new Set(["local", "climate", ...tagger.tag(item)])]);
    // What search reads for this story is what it would compute from the stored fields.
    expect(search).toEqual(searchDocument({ title: item.title, summary: item.summary, source: item.source, section: item.section, topics }));
  });
});
