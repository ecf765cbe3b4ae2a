import { describe, expect, it } from "vitest";
import { chooseTitle, hostName, stripSiteName } from "../../../src/ingest/pages/article-title.js";

const none = { jsonLdHeadline: null, ogTitle: null, twitterTitle: null, documentTitle: null, readabilityTitle: null, headings: [], siteNames: [] };

describe("stripSiteName", () => {
  it.each([
    ["Rail strike halts trains | The Northern Ledger", ["The Northern Ledger"], "Rail strike halts trains"],
    ["Rail strike halts trains - The Northern Ledger", ["The Northern Ledger"], "Rail strike halts trains"],
    ["Takeaways from the trial | CNN Politics", ["CNN"], "Takeaways from the trial"],
    ["معارضون يسيطرون على مخازن - CNNArabic.com", ["CNNArabic"], "معارضون يسيطرون على مخازن"],
    ["Court files expose spy operation -- Sott.net", ["Sott.net"], "Court files expose spy operation"],
    ["米朝首脳直通電話　習氏に挑むトランプ戦術の成否　：日本経済新聞", ["日本経済新聞 電子版"], "米朝首脳直通電話　習氏に挑むトランプ戦術の成否"],
    ["Headline here » Local » Ultima Hora Mallorca", ["ultimahora"], "Headline here » Local"],
  ])("%s", (title, sites, expected) => {
    expect(stripSiteName(title, sites)).toBe(expected);
  });

  it("keeps a tail that is not the site's name", () => {
    expect(stripSiteName("Storm hits coast - live updates", ["The Northern Ledger"])).toBe("Storm hits coast - live updates");
    expect(stripSiteName("Food-related searches of 2014", ["cleveland.com"])).toBe("Food-related searches of 2014");
    expect(stripSiteName("Anti-CNN rally draws thousands", ["CNN"])).toBe("Anti-CNN rally draws thousands");
  });

  it("never strips a title down to nothing", () => {
    expect(stripSiteName("CNN | CNN", ["CNN"])).toBe("CNN | CNN");
  });
});

describe("chooseTitle", () => {
  it("prefers JSON-LD, then og:title, then twitter:title, then <title>", () => {
    expect(chooseTitle({ ...none, jsonLdHeadline: "A", ogTitle: "B", documentTitle: "C" })).toBe("A");
    expect(chooseTitle({ ...none, ogTitle: "B", twitterTitle: "T", documentTitle: "C" })).toBe("B");
    expect(chooseTitle({ ...none, twitterTitle: "T", documentTitle: "C" })).toBe("T");
    expect(chooseTitle({ ...none, documentTitle: "C", headings: ["H"] })).toBe("C");
    expect(chooseTitle(none)).toBeNull();
  });

  it("skips a candidate cut short with an ellipsis", () => {
    expect(chooseTitle({ ...none, twitterTitle: "Court files expose...", documentTitle: "Court files expose spy operation" })).toBe("Court files expose spy operation");
  });

  it("uses an <h1> that is the document title up to a separator", () => {
    expect(chooseTitle({ ...none, documentTitle: "短缺药品保供稳价 全力保障临床用药需求-新华网", headings: ["短缺药品保供稳价 全力保障临床用药需求"] })).toBe("短缺药品保供稳价 全力保障临床用药需求");
  });

  it("collapses whitespace and ignores absurdly long candidates", () => {
    expect(chooseTitle({ ...none, ogTitle: "x".repeat(5000), documentTitle: "  Two\n words " })).toBe("Two words");
  });
});

describe("hostName", () => {
  it.each([
    ["https://www.cnn.com/2023/11/06/x", "cnn"],
    ["https://en.yna.co.kr/view/AEN1", "yna"],
    ["https://www.bbc.co.uk/news", "bbc"],
    ["http://ultimahora.es/mallorca/x.html", "ultimahora"],
    ["not a url", null],
  ])("%s → %s", (url, expected) => {
    expect(hostName(url)).toBe(expected);
  });
});
