import { describe, expect, it } from "vitest";
import { dateFromUrl } from "../../../src/ingest/pages/url-date.js";

describe("dateFromUrl", () => {
  it.each([
    ["https://www.cnn.com/2023/11/06/politics/story/index.html", "2023-11-06"],
    ["https://china.example.cn/a/202311/17/WS655.html", "2023-11-17"],
    ["http://www.news.example/fortune/2023-11/17/c_1129.htm", "2023-11-17"],
    ["https://site.example/2025-01-31-headline-words", "2025-01-31"],
  ])("%s → %s", (url, day) => {
    expect(dateFromUrl(url)?.toISOString().slice(0, 10)).toBe(day);
  });

  it.each([
    "https://prachatai.example/journal/2019/01/80642",
    "http://arabic.example/2013/middle_east/8/3/story/index.html",
    "https://site.example/2023/02/30/not-a-day",
    "https://site.example/story?date=2023/11/06",
    "not a url",
  ])("no day in %s", (url) => {
    expect(dateFromUrl(url)).toBeNull();
  });
});
