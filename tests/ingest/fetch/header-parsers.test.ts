import { describe, expect, it } from "vitest";
import { parseMaxAgeSeconds, parseRetryAfter } from "../../../src/ingest/fetch/index.js";

describe("parseRetryAfter", () => {
  const now = Date.parse("2024-01-01T12:00:00Z");
  it.each([
    ["120", 120],
    [" 0 ", 0],
    ["Mon, 01 Jan 2024 12:05:00 GMT", 300],
    ["Mon, 01 Jan 2024 11:00:00 GMT", 0],
    ["soon", null],
    ["-5", null],
    ["1.5", null],
    [undefined, null],
  ])("%s → %s", (value, seconds) => {
    expect(parseRetryAfter(value, now)).toBe(seconds);
  });
});

describe("parseMaxAgeSeconds", () => {
  it.each([
    ["max-age=300", 300],
    ["public, max-age=60, must-revalidate", 60],
    ["Max-Age = 10", 10],
    ['max-age="5"', 5],
    ["s-maxage=100", null],
    ["no-cache", null],
    ["max-age=abc", null],
    [undefined, null],
  ])("%s → %s", (value, seconds) => {
    expect(parseMaxAgeSeconds(value)).toBe(seconds);
  });
});
