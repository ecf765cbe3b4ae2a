import { describe, expect, it } from "vitest";
import { formatLocalTime } from "../../src/delivery/render/format-local-time.js";

const at = new Date("2024-11-26T13:05:00Z");
const sameDayEverywhere = new Date("2024-11-26T14:00:00Z");

describe("formatLocalTime", () => {
  it("shows only the time on the reader's today", () => {
    expect(formatLocalTime(at, "Europe/Berlin", sameDayEverywhere)).toBe("14:05 CET");
    expect(formatLocalTime(at, "America/New_York", sameDayEverywhere)).toBe("08:05 EST");
    expect(formatLocalTime(at, "UTC", sameDayEverywhere)).toBe("13:05 UTC");
  });

  it("adds day and month on another day", () => {
    const nextDay = new Date("2024-11-27T13:00:00Z");
    expect(formatLocalTime(at, "Europe/Berlin", nextDay)).toBe("26 Nov, 14:05 CET");
  });

  it("decides today in the reader's zone, not the server's", () => {
    // 23:30 UTC on the 26th is already the 27th in Tokyo and still the 26th in New York.
    const late = new Date("2024-11-26T23:30:00Z");
    const now = new Date("2024-11-27T01:00:00Z");
    expect(formatLocalTime(late, "Asia/Tokyo", now)).toBe("08:30 GMT+9");
    expect(formatLocalTime(late, "America/New_York", now)).toBe("18:30 EST");
    expect(formatLocalTime(late, "UTC", now)).toBe("26 Nov, 23:30 UTC");
  });

  it("names the zone the way readers there do, summer time included", () => {
    const july = new Date("2024-07-01T12:00:00Z");
    expect(formatLocalTime(july, "Europe/Berlin", july)).toBe("14:00 CEST");
    expect(formatLocalTime(july, "Europe/London", july)).toBe("13:00 BST");
    expect(formatLocalTime(july, "America/Los_Angeles", july)).toBe("05:00 PDT");
    expect(formatLocalTime(july, "Asia/Kolkata", july)).toBe("17:30 IST");
    expect(formatLocalTime(july, "Australia/Sydney", july)).toBe("22:00 AEST");
  });

  it("adds the year when it is not this year", () => {
    expect(formatLocalTime(at, "Europe/Berlin", new Date("2025-01-02T00:00:00Z"))).toBe("26 Nov 2024, 14:05 CET");
  });

  it("pads midnight hours and single-digit minutes", () => {
    const early = new Date("2024-11-26T23:01:00Z");
    expect(formatLocalTime(early, "Europe/Berlin", early)).toBe("00:01 CET");
  });

  it("falls back to UTC for an unknown zone and to nothing for an invalid date", () => {
    expect(formatLocalTime(at, "Mars/Olympus", sameDayEverywhere)).toBe("13:05 UTC");
    expect(formatLocalTime(new Date(Number.NaN), "UTC", sameDayEverywhere)).toBe("");
  });
});
