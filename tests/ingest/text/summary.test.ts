import { describe, expect, it } from "vitest";
import { stripDateline } from "../../../src/ingest/text/dateline.js";
import { splitSentences } from "../../../src/ingest/text/sentences.js";
import { summarize } from "../../../src/ingest/text/summary.js";

describe("stripDateline", () => {
  it.each([
    ["MOSCOW (Reuters) - Russia said on Tuesday.", "Russia said on Tuesday."],
    ["WASHINGTON (AP) — The Senate voted.", "The Senate voted."],
    ["LONDON, Nov 26 (Reuters) - Britain's economy grew.", "Britain's economy grew."],
    ["KYIV, Ukraine (AP) — Drones struck overnight.", "Drones struck overnight."],
    ["PARIS, Nov 26 - French lawmakers voted.", "French lawmakers voted."],
    ["NEW YORK -- Stocks rose.", "Stocks rose."],
    ["SÃO PAULO, Brazil (AP) — Rain fell.", "Rain fell."],
    ["Berlin (dpa) - Die Regierung hat entschieden.", "Die Regierung hat entschieden."],
    ["(Reuters) - Oil prices fell.", "Oil prices fell."],
  ])("%s", (text, expected) => {
    expect(stripDateline(text)).toBe(expected);
  });

  it.each(["The vote - a close one - passed.", "Oil prices fell on Tuesday.", "A new law - passed today - takes effect.", "US - China talks resume."])(
    "leaves %j alone",
    (text) => {
      expect(stripDateline(text)).toBe(text);
    },
  );
});

describe("splitSentences", () => {
  it("does not break after U.S. or titles before a name or noun", () => {
    expect(splitSentences("U.S. officials said talks failed. The U.S. Treasury disagreed. Mr. Smith left.")).toEqual([
      "U.S. officials said talks failed.",
      "The U.S. Treasury disagreed.",
      "Mr. Smith left.",
    ]);
  });

  it("keeps initials and decimals inside a sentence and breaks at paragraph ends", () => {
    expect(splitSentences("John F. Kennedy spoke. Prices rose 2.5 percent.\nNext paragraph")).toEqual(["John F. Kennedy spoke.", "Prices rose 2.5 percent.", "Next paragraph"]);
  });
});

describe("summarize", () => {
  it("takes the first two sentences and drops the dateline", () => {
    expect(summarize("MOSCOW (Reuters) - Russia said it shot down 20 drones. Officials gave no details. A third sentence.")).toBe(
      "Russia said it shot down 20 drones. Officials gave no details.",
    );
  });

  it("keeps one sentence when two would exceed the limit", () => {
    const first = `${"Word ".repeat(40).trim()}.`;
    expect(summarize(`${first} ${"Other ".repeat(40).trim()}.`)).toBe(first);
  });

  it("cuts a too-long first sentence at a word boundary with an ellipsis", () => {
    const summary = summarize(`KYIV, Ukraine (AP) — ${"alpha beta gamma ".repeat(40)}end.`);
    expect(summary.length).toBeLessThanOrEqual(300);
    expect(summary.endsWith("…")).toBe(true);
    expect(summary).toMatch(/^alpha beta/);
    expect(summary.slice(0, -1)).toMatch(/(alpha|beta|gamma)$/);
  });

  it("honours maxChars", () => {
    expect(summarize("One two three four five six seven.", { maxChars: 15 })).toBe("One two three…");
  });

  it("skips a first sentence that repeats the headline", () => {
    expect(summarize("Quake hits coast. A magnitude 6 quake struck at dawn. Nobody was hurt.", { title: "Quake hits coast" })).toBe(
      "A magnitude 6 quake struck at dawn. Nobody was hurt.",
    );
    expect(summarize("QUAKE HITS COAST\nLONDON (Reuters) - A quake struck.", { title: "Quake hits coast" })).toBe("A quake struck.");
  });

  it("removes a headline glued to the first sentence", () => {
    expect(summarize("Quake hits coast: A magnitude 6 quake struck at dawn.", { title: "Quake hits coast" })).toBe("A magnitude 6 quake struck at dawn.");
  });

  it("never returns the headline itself", () => {
    expect(summarize("Quake hits coast", { title: "Quake hits coast" })).toBe("");
    expect(summarize("Quake hits coast.", { title: "Quake  hits coast!" })).toBe("");
  });

  it("does not cut at U.S. before a capitalised word", () => {
    expect(summarize("WASHINGTON (AP) — The U.S. Senate passed the bill on Friday. It now goes to the House.")).toBe(
      "The U.S. Senate passed the bill on Friday. It now goes to the House.",
    );
    expect(summarize("U.S. officials said the talks had failed. More later.", { maxChars: 45 })).toBe("U.S. officials said the talks had failed.");
  });

  it("handles empty and whitespace-only text", () => {
    expect(summarize("")).toBe("");
    expect(summarize("   \n  ")).toBe("");
  });

  it("is at most maxChars for arbitrary long text without spaces", () => {
    const s = summarize("x".repeat(1000));
    expect(s.length).toBeLessThanOrEqual(300);
  });
});
