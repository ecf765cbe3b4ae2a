import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { extractTextArticle } from "../../../src/ingest/pages/extract-text-article.js";
import type { ExtractedArticle } from "../../../src/ingest/pages/extracted-article.js";

const fixture = (name: string): string => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), "utf8");
const now = new Date("2025-12-01T12:00:00Z");

function extractOk(name: string, opts: Parameters<typeof extractTextArticle>[1] = {}): { article: ExtractedArticle; warnings: string[] } {
  const result = extractTextArticle(fixture(name), { now, ...opts });
  if (result.status !== "ok") throw new Error(`${name}: ${result.error}`);
  return result;
}

interface Expected {
  title: string;
  section: string | null;
  byline: string | null;
  publishedAt: string | null;
  sourceName: string | null;
  summaryStart: string;
  bodyStart: string;
  bodyEnd: string;
  /** Text that must not survive: captions, credits, boilerplate. */
  absent: string[];
}

const EXPECTED: Record<string, Expected> = {
  "storm-surge-wire.txt": {
    title: "Storm surge floods Cornish harbour town as Atlantic gale stalls",
    section: "World",
    byline: null,
    publishedAt: "2025-11-26T10:42:00.000Z",
    sourceName: "Reuters",
    summaryStart: "Sea water poured into the streets of the Cornish fishing town",
    bodyStart: "PORT ELLERY, England, Nov 26 (Reuters) - Sea water poured",
    bodyEnd: "urged people not to walk along sea fronts to watch the waves.",
    absent: ["REUTERS/Jane Whitcombe", "Harbour workers pile sandbags", "damaged fishing boat", "Advertisement", "Reporting by", "Our Standards", "Next In", "Ferry services"],
  },
  "bridge-collapse-ap.txt": {
    title: "Two workers missing after partial collapse of river bridge under repair",
    section: null,
    byline: "Elena Marquez and David Okafor",
    publishedAt: "2025-11-24T19:15:00.000Z",
    sourceName: "AP",
    summaryStart: "Two construction workers were missing Monday after a section",
    bodyStart: "HARLOW FALLS, Ohio (AP) — Two construction workers",
    bodyEnd: "said in a statement that it was cooperating with investigators.",
    absent: ["AP Photo", "Firefighters search the debris", "Read more", "Follow us", "Copyright"],
  },
  "volcano-ash-agency.txt": {
    title: "Volcano ash cloud grounds flights across southern Iceland",
    section: "Europe",
    byline: null,
    publishedAt: "2025-11-23T18:05:00.000Z",
    sourceName: "AFP",
    summaryStart: "A column of ash up to eight kilometres high forced the cancellation",
    bodyStart: "REYKJAVIK, Nov 23 (AFP) - A column of ash",
    bodyEnd: "the Icelandic Met Office said.",
    absent: ["Photo: AFP", "A plume of ash rises", "Sign up", "Others Also Read", "Faroe Islands"],
  },
  "budget-vote-plain.txt": {
    title: "Parliament passes emergency budget after all-night session",
    section: "Politics",
    byline: "Ruth Adeyemi",
    publishedAt: "2025-11-25T06:30:00.000Z",
    sourceName: null,
    summaryStart: "Lawmakers passed an emergency budget early on Tuesday",
    bodyStart: "Lawmakers passed an emergency budget",
    bodyEnd: "keep schools and hospitals open through the winter.",
    absent: ["By Ruth", "Reporting by", "Editing by"],
  },
};

describe("extractTextArticle on our fixture pages", () => {
  for (const [name, expected] of Object.entries(EXPECTED)) {
    it(`reads ${name}`, () => {
      const { article } = extractOk(name, { url: `https://news.example/${name}?utm_source=feed` });
      expect(article.title).toBe(expected.title);
      expect(article.section).toBe(expected.section);
      expect(article.byline).toBe(expected.byline);
      expect(article.publishedAt?.toISOString() ?? null).toBe(expected.publishedAt);
      expect(article.sourceName).toBe(expected.sourceName);
      expect(article.url).toBe(`https://news.example/${name}?utm_source=feed`);
      expect(article.canonicalUrl).toBe(`https://news.example/${name}`);
      expect(article.bodyText.startsWith(expected.bodyStart)).toBe(true);
      expect(article.bodyText.endsWith(expected.bodyEnd)).toBe(true);
      expect(article.summary.startsWith(expected.summaryStart)).toBe(true);
      for (const text of expected.absent) expect(article.bodyText).not.toContain(text);
    });

    it(`summarises ${name} without dateline, caption or headline`, () => {
      const { article } = extractOk(name);
      expect(article.summary.length).toBeGreaterThan(40);
      expect(article.summary.length).toBeLessThanOrEqual(300);
      expect(article.summary).not.toMatch(/\((?:Reuters|AP|AFP)\)|^[A-Z ]{4,},/);
      expect(article.summary).not.toMatch(/REUTERS\/|AP Photo|Photo:/);
      expect(article.summary).not.toBe(article.title);
    });
  }

  it("keeps the caller's source name over the dateline agency", () => {
    expect(extractOk("storm-surge-wire.txt", { sourceName: "Harbour Gazette" }).article.sourceName).toBe("Harbour Gazette");
  });

  it("says when only an update time was given", () => {
    expect(extractOk("bridge-collapse-ap.txt").warnings).toContain("only an update time is given; used it as the publication time");
  });
});

describe("extractTextArticle on edge cases", () => {
  it("refuses empty text", () => {
    expect(extractTextArticle("  \n\n \n", {})).toEqual({ status: "not-an-article", error: "text is empty" });
  });

  it("refuses a page whose first line is a paragraph", () => {
    const result = extractTextArticle(`${"A very long opening line that goes on. ".repeat(12)}\n\nMore text.`, {});
    expect(result.status).toBe("not-an-article");
  });

  it("refuses a headline with nothing after it", () => {
    expect(extractTextArticle("Headline only\n\n• World\n", {})).toEqual({ status: "not-an-article", error: "no story text after the headline" });
  });

  it("warns when the text has no credit line and no date", () => {
    const result = extractTextArticle("Quiet day at the council\n\nThe council met on Monday and approved the minutes of its last meeting without debate.\n", {});
    expect(result.status).toBe("ok");
    if (result.status !== "ok") return;
    expect(result.article.publishedAt).toBeNull();
    expect(result.warnings).toEqual(["no credit line or closing boilerplate found; kept the text to its end", "text states no publication date"]);
  });

  it("joins hard-wrapped lines and keeps CRLF text readable", () => {
    const text = "Ferry strike ends\r\n\r\nThe ferry union ended its strike on Friday after\r\nmanagers agreed to a new rota, the company said.\r\n";
    const result = extractTextArticle(text, {});
    expect(result.status === "ok" && result.article.bodyText).toBe("The ferry union ended its strike on Friday after managers agreed to a new rota, the company said.");
  });

  it("skips furniture saved above the headline", () => {
    const result = extractTextArticle("Skip to main content\nAdvertisement\nHeadline after the furniture\n\nThe story itself starts here and runs for a full sentence.\n", {});
    expect(result.status === "ok" && result.article.title).toBe("Headline after the furniture");
  });

  it("clamps a header date in the future to now", () => {
    const result = extractTextArticle("Future story\n\n• Friday, 1 Jan 2100\n\nA sentence of story text that is long enough to count.\n", { now });
    expect(result.status === "ok" && result.article.publishedAt?.toISOString()).toBe(now.toISOString());
  });
});
