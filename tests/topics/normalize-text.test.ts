import { describe, expect, it } from "vitest";
import { foldRun, searchTokens, wordRuns } from "../../src/topics/query/normalize-text.js";
import { searchDocument } from "../../src/topics/query/search-document.js";
import { stem } from "../../src/topics/query/stem.js";

describe("stem", () => {
  it.each([
    [["leak", "leaks", "leaked", "leaking"], "leak"],
    [["country", "countries"], "country"],
    [["study", "studies", "studied", "studying"], "study"],
    [["vote", "votes", "voted", "voting"], "vot"],
    [["stop", "stops", "stopped", "stopping"], "stop"],
    [["agree", "agrees", "agreed", "agreeing"], "agree"],
    [["tax", "taxes", "taxed"], "tax"],
    [["class", "classes"], "class"],
    [["kill", "kills", "killed", "killing"], "kill"],
    [["emission", "emissions"], "emission"],
    [["bus", "buses"], "bus"],
  ])("brings %j to %s", (forms, expected) => {
    expect(forms.map(stem)).toEqual(forms.map(() => expected));
  });

  it.each(["news", "crisis", "virus", "status", "during", "bring", "thing", "speed", "need", "add", "us", "gas", "série", "2025"])(
    "leaves %s alone",
    (word) => expect(stem(word)).toBe(word),
  );

  it("is idempotent on the words the rules produce", () => {
    for (const word of ["leaked", "countries", "agreed", "stopped", "houses", "voting"]) {
      expect(stem(stem(word))).toBe(stem(word));
    }
  });
});

describe("searchTokens", () => {
  it("folds case and accents and splits on anything not a letter or digit", () => {
    expect(searchTokens("Zürich's CAFÉ — naïve, Straße; İstanbul")).toEqual(["zurich", "s", "caf", "naiv", "straße", "istanbul"]);
  });

  it("splits hyphens and dots, keeps digits", () => {
    expect(searchTokens("middle-east U.S. 2025-11-01")).toEqual(["middl", "east", "u", "s", "2025", "11", "01"]);
  });

  it("unfolds compatibility forms and both Greek sigmas", () => {
    expect(searchTokens("ﬁre ½ ΟΔΟΣ οδος")).toEqual(["fir", "1", "2", "οδοσ", "οδοσ"]);
  });

  it("returns nothing for punctuation and emoji", () => {
    expect(searchTokens("— & 🚀 ...")).toEqual([]);
  });

  it("equals folding each word run of the original text on its own", () => {
    const text = "Kyiv’s “élections” — ½ the U.S.-led ﬁrms";
    const runs = wordRuns(text).flatMap((run) => foldRun(text.slice(run.start, run.end)).map(stem));
    expect(runs).toEqual(searchTokens(text));
  });
});

describe("searchDocument", () => {
  it("fills the FTS columns with tokens joined by spaces; body is title and summary", () => {
    expect(
      searchDocument({ title: "Leaks in Zürich", summary: "Police leaked it.", source: "Reuters", section: null, topics: ["middle-east", "world"] }),
    ).toEqual({
      title: "leak in zurich",
      body: "leak in zurich polic leak it",
      source: "reuter",
      section: "",
      topics: "middl east world",
    });
  });
});
