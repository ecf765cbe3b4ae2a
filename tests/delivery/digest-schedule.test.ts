// Local times of day on a chat's clock, across daylight-saving changes.
import { describe, expect, it } from "vitest";
import { parseClockTime, parseClockTimes } from "../../src/delivery/schedule/clock-time.js";
import { parseDuration, parseMuteEnd } from "../../src/delivery/schedule/mute-duration.js";
import { isQuietAt } from "../../src/delivery/schedule/quiet-hours.js";
import { latestSlotAtOrBefore, nextOccurrence } from "../../src/delivery/schedule/slots.js";
import { canonicalTimeZone, instantOf } from "../../src/delivery/schedule/zoned-time.js";

const iso = (t: number | undefined) => (t === undefined ? undefined : new Date(t).toISOString().slice(0, 16) + "Z");
const at = (s: string) => Date.parse(s);

describe("wall time to instant", () => {
  it("finds 08:00 in Berlin on both sides of the October change", () => {
    expect(iso(instantOf({ year: 2024, month: 10, day: 26 }, 8 * 60, "Europe/Berlin"))).toBe("2024-10-26T06:00Z");
    expect(iso(instantOf({ year: 2024, month: 10, day: 27 }, 8 * 60, "Europe/Berlin"))).toBe("2024-10-27T07:00Z");
  });

  it("takes the first of a repeated time and moves a skipped one forward by the gap", () => {
    expect(iso(instantOf({ year: 2024, month: 10, day: 27 }, 2 * 60 + 30, "Europe/Berlin"))).toBe("2024-10-27T00:30Z");
    expect(iso(instantOf({ year: 2025, month: 3, day: 30 }, 2 * 60 + 30, "Europe/Berlin"))).toBe("2025-03-30T01:30Z");
    expect(iso(instantOf({ year: 2024, month: 11, day: 3 }, 1 * 60 + 30, "America/New_York"))).toBe("2024-11-03T05:30Z");
    // Lord Howe Island moves by half an hour.
    expect(iso(instantOf({ year: 2024, month: 10, day: 6 }, 2 * 60 + 15, "Australia/Lord_Howe"))).toBe("2024-10-05T15:45Z");
  });
});

describe("digest slots", () => {
  it("moves with the zone's clock across the October change: each 08:00 once, an hour apart in UTC", () => {
    const fired: string[] = [];
    let previous: number | undefined;
    for (let t = at("2024-10-25T12:00Z"); t < at("2024-10-29T12:00Z"); t += 60_000) {
      const slot = latestSlotAtOrBefore([8 * 60], "Europe/Berlin", t);
      if (slot !== previous && previous !== undefined) fired.push(`${iso(t)} → ${iso(slot)}`);
      previous = slot;
    }
    expect(fired).toEqual(["2024-10-26T06:00Z → 2024-10-26T06:00Z", "2024-10-27T07:00Z → 2024-10-27T07:00Z", "2024-10-28T07:00Z → 2024-10-28T07:00Z", "2024-10-29T07:00Z → 2024-10-29T07:00Z"]);
  });

  it("gives a time that happens twice one slot, and a skipped time one slot", () => {
    const slotsSeen = (times: number[], from: string, to: string) => {
      const seen = new Set<number>();
      for (let t = at(from); t < at(to); t += 60_000) {
        const slot = latestSlotAtOrBefore(times, "Europe/Berlin", t);
        if (slot !== undefined && slot >= at(from)) seen.add(slot);
      }
      return [...seen].map(iso);
    };
    expect(slotsSeen([150], "2024-10-26T22:00Z", "2024-10-27T04:00Z")).toEqual(["2024-10-27T00:30Z"]);
    expect(slotsSeen([150], "2025-03-29T22:00Z", "2025-03-30T04:00Z")).toEqual(["2025-03-30T01:30Z"]);
  });

  it("finds yesterday's late slot after midnight, and the next occurrence of a time", () => {
    expect(iso(latestSlotAtOrBefore([23 * 60], "UTC", at("2024-05-02T00:30Z")))).toBe("2024-05-01T23:00Z");
    expect(iso(latestSlotAtOrBefore([8 * 60, 18 * 60], "Asia/Kolkata", at("2024-05-02T13:00Z")))).toBe("2024-05-02T12:30Z");
    expect(iso(nextOccurrence(7 * 60, "Europe/Berlin", at("2024-10-26T23:00Z")))).toBe("2024-10-27T06:00Z");
  });
});

describe("parsing what users type", () => {
  it("reads times and lists of times", () => {
    expect(parseClockTime("8:05")).toBe(485);
    expect(parseClockTime("0800")).toBe(480);
    expect(parseClockTime("24:00")).toBeUndefined();
    expect(parseClockTimes("18:00, 08:00,08:00")).toEqual([480, 1080]);
    expect(parseClockTimes("08:00,soon")).toBeUndefined();
  });

  it("reads durations and mute ends", () => {
    expect(parseDuration("2h")).toBe(7_200_000);
    expect(parseDuration("1h30m")).toBe(5_400_000);
    expect(parseDuration("45 minutes")).toBe(2_700_000);
    expect(parseDuration("soon")).toBeUndefined();
    expect(parseDuration("0m")).toBeUndefined();
    expect(iso(parseMuteEnd("until 07:00", "Europe/Berlin", at("2024-10-26T23:00Z")))).toBe("2024-10-27T06:00Z");
    expect(parseMuteEnd("until later", "UTC", 0)).toBeUndefined();
  });

  it("knows quiet hours that wrap midnight, and canonical zone names", () => {
    const quiet = { start: 23 * 60, end: 7 * 60, breaking: false };
    expect(isQuietAt(quiet, "Europe/Berlin", at("2024-10-26T21:30Z"))).toBe(true);
    expect(isQuietAt(quiet, "Europe/Berlin", at("2024-10-27T05:59Z"))).toBe(true);
    expect(isQuietAt(quiet, "Europe/Berlin", at("2024-10-27T06:00Z"))).toBe(false);
    expect(isQuietAt({ start: 9 * 60, end: 17 * 60, breaking: false }, "UTC", at("2024-10-27T12:00Z"))).toBe(true);
    expect(canonicalTimeZone("europe/berlin")).toBe("Europe/Berlin");
    expect(canonicalTimeZone("Mars/Olympus")).toBeUndefined();
  });
});
