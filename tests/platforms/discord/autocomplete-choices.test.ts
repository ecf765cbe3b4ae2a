import { describe, expect, it } from "vitest";
import type { Subscription } from "../../../src/db/subscription-queries.js";
import { subscriptionChoices, topicChoices } from "../../../src/platforms/discord/autocomplete-choices.js";
import { catalogTopics } from "../../../src/topics/catalog.js";
import type { Topic } from "../../../src/topics/topic.js";

const topic = (slug: string, label: string): Topic => ({ slug, label, query: slug, builtin: true });

function subscription(id: number, target: { topicSlug: string } | { query: string }): Subscription {
  return {
    id,
    platform: "discord",
    chatId: "300000000000000001",
    threadId: null,
    topicSlug: "topicSlug" in target ? target.topicSlug : null,
    query: "query" in target ? target.query : null,
    mode: "instant",
    schedule: null,
    timezone: "UTC",
    mutedUntil: null,
    createdBy: null,
    active: true,
    createdAt: new Date(0),
  };
}

describe("topicChoices", () => {
  it("offers topics whose slug or label matches, prefix matches first, at most 25", () => {
    const topics = [topic("climate", "Climate"), topic("science", "Science"), topic("ai", "Artificial intelligence"), topic("sci-fi", "Sci-fi")];
    expect(topicChoices(topics, "sci").map((c) => c.value)).toEqual(["science", "sci-fi"]);
    expect(topicChoices(topics, "INTEL")).toEqual([{ name: "Artificial intelligence (ai)", value: "ai" }]);
    expect(topicChoices(topics, "ence").map((c) => c.value)).toEqual(["science", "ai"]);
    expect(topicChoices(topics, "zzz")).toEqual([]);
    const many = Array.from({ length: 40 }, (_, i) => topic(`t${i}`, `Topic ${i}`));
    expect(topicChoices(many, "")).toHaveLength(25);
  });

  it("finds the shipped world topic from a few letters", () => {
    expect(topicChoices(catalogTopics, "wor")[0]).toEqual({ name: "World (world)", value: "world" });
  });
});

describe("subscriptionChoices", () => {
  it("offers what the channel follows (a query by its #id) and then all", () => {
    const subs = [subscription(3, { topicSlug: "world" }), subscription(7, { query: "interest rates" })];
    expect(subscriptionChoices(subs, "")).toEqual([
      { name: "world (instant)", value: "world" },
      { name: '"interest rates" (instant)', value: "#7" },
      { name: "all — stop following everything here", value: "all" },
    ]);
    expect(subscriptionChoices(subs, "rat").map((c) => c.value)).toEqual(["#7"]);
    expect(subscriptionChoices([], "")).toEqual([]);
  });

  it("keeps all within the 25 choices", () => {
    const subs = Array.from({ length: 30 }, (_, i) => subscription(i, { topicSlug: `t${i}` }));
    const choices = subscriptionChoices(subs, "");
    expect(choices).toHaveLength(25);
    expect(choices.at(-1)?.value).toBe("all");
  });
});
