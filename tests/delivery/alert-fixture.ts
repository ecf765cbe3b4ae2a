import type { Alert } from "../../src/delivery/alert.js";

/** 26 Nov 2024, 13:05 UTC: 14:05 in Berlin. */
export const PUBLISHED_AT = new Date("2024-11-26T13:05:00Z");
/** The same day in every zone the tests use, an hour later. */
export const SAME_DAY = new Date("2024-11-26T14:05:00Z");

export function makeAlert(overrides: Partial<Alert> = {}): Alert {
  return {
    storyId: 42,
    title: "Parliament passes budget",
    summary: "The vote came after a night of talks.",
    url: "https://news.example/story/42",
    source: "Reuters",
    moreSources: ["AP", "BBC"],
    publishedAt: PUBLISHED_AT,
    timezone: "Europe/Berlin",
    topics: ["world", "europe"],
    breaking: false,
    ...overrides,
  };
}
