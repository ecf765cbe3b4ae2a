import { describe, expect, it } from "vitest";
import { isClusterBreaking, stripBreakingMarker } from "../../src/stories/breaking-marker.js";

describe("stripBreakingMarker", () => {
  it.each([
    ["BREAKING: Quake hits northern Japan", "Quake hits northern Japan"],
    ["Breaking: Fed holds rates steady", "Fed holds rates steady"],
    ["BREAKING NEWS - Senate passes stopgap bill", "Senate passes stopgap bill"],
    ["Flash: Oil jumps 4% after OPEC+ cut", "Oil jumps 4% after OPEC+ cut"],
    ["FLASH Magnitude 6.1 quake off Aomori", "Magnitude 6.1 quake off Aomori"],
    ["URGENT Explosion at Ludwigshafen plant", "Explosion at Ludwigshafen plant"],
    ["Urgent: Evacuation ordered near Marseille", "Evacuation ordered near Marseille"],
    ["JUST IN Bitcoin tops $100,000", "Bitcoin tops $100,000"],
    ["Just in: Bitcoin tops $100,000", "Bitcoin tops $100,000"],
    ["BREAKING | Hurricane Delia makes landfall", "Hurricane Delia makes landfall"],
    ["BREAKING — Hurricane Delia makes landfall", "Hurricane Delia makes landfall"],
    ["BREAKING—Hurricane Delia makes landfall", "Hurricane Delia makes landfall"],
    ["🔴 BREAKING: Government falls", "Government falls"],
    ["🚨🚨 Breaking - Government falls", "Government falls"],
    ["[BREAKING] Government falls", "Government falls"],
    ["🔴 BREAKING: URGENT: Government falls", "Government falls"],
    ["JUST IN: \"We will not resign,\" minister says", "\"We will not resign,\" minister says"],
  ])("strips the marker of %j", (title, rest) => {
    expect(stripBreakingMarker(title)).toEqual({ title: rest, breaking: true });
  });

  it.each([
    "Breaking Bad star opens restaurant in Albuquerque",
    "Flash floods kill 20 in Kenya",
    "Flash-flood warning issued for Valencia",
    "FLASH FLOODS KILL 20 IN KENYA",
    "Urgent care clinics close across the region",
    "Just In Time for Christmas: toy sales rise",
    "Record-breaking heat grips Athens",
    "Markets: Breaking: the rally that never was",
  ])("leaves %j alone", (title) => {
    expect(stripBreakingMarker(title)).toEqual({ title, breaking: false });
  });

  it("keeps a headline that is nothing but a marker, and trims the rest", () => {
    expect(stripBreakingMarker("BREAKING")).toEqual({ title: "BREAKING", breaking: true });
    expect(stripBreakingMarker("  Breaking:   Quake  ")).toEqual({ title: "Quake", breaking: true });
  });
});

describe("isClusterBreaking", () => {
  const now = new Date("2025-03-04T12:00:00Z");
  const minutesAgo = (minutes: number): Date => new Date(now.getTime() - minutes * 60_000);

  it("is true for three distinct sources within the last 30 minutes", () => {
    expect(isClusterBreaking([
      { sourceName: "Newswire", firstSeenAt: minutesAgo(29) },
      { sourceName: "Daily Post", firstSeenAt: minutesAgo(10) },
      { sourceName: "City Radio", firstSeenAt: minutesAgo(0) },
    ], now)).toBe(true);
  });

  it("counts a source once, however it is spelled or how often it reports", () => {
    expect(isClusterBreaking([
      { sourceName: "Newswire", firstSeenAt: minutesAgo(5) },
      { sourceName: "newswire ", firstSeenAt: minutesAgo(4) },
      { sourceName: "Daily Post", firstSeenAt: minutesAgo(3) },
    ], now)).toBe(false);
  });

  it("is false when the third source came outside the window or reports from the future", () => {
    const two = [
      { sourceName: "Newswire", firstSeenAt: minutesAgo(5) },
      { sourceName: "Daily Post", firstSeenAt: minutesAgo(3) },
    ];
    expect(isClusterBreaking([...two, { sourceName: "City Radio", firstSeenAt: minutesAgo(31) }], now)).toBe(false);
    expect(isClusterBreaking([...two, { sourceName: "City Radio", firstSeenAt: minutesAgo(-10) }], now)).toBe(false);
    expect(isClusterBreaking([], now)).toBe(false);
  });
});
