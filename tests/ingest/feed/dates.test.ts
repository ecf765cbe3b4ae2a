import { describe, expect, it } from "vitest";
import { clampToNow, parseFeedDate } from "../../../src/ingest/dates.js";

const iso = (raw: string) => parseFeedDate(raw)?.toISOString() ?? null;

describe("parseFeedDate", () => {
  it.each([
    ["Tue, 26 Nov 2024 09:30:00 +0000", "2024-11-26T09:30:00.000Z"],
    ["Tue, 26 Nov 2024 09:30:00 GMT", "2024-11-26T09:30:00.000Z"],
    ["26 Nov 2024 09:30:00 UT", "2024-11-26T09:30:00.000Z"],
    ["Tue, 26 Nov 2024 09:30:00 Z", "2024-11-26T09:30:00.000Z"],
    ["Tue, 26 Nov 2024 09:30 EST", "2024-11-26T14:30:00.000Z"],
    ["Tue, 26 Nov 2024 09:30:00 PDT", "2024-11-26T16:30:00.000Z"],
    ["Tue, 26 Nov 2024 09:30:00 +05:30", "2024-11-26T04:00:00.000Z"],
    ["Tue, 26 Nov 2024 09:30:00 -0300", "2024-11-26T12:30:00.000Z"],
    ["Tue, 26 Nov 24 09:30:00 GMT", "2024-11-26T09:30:00.000Z"],
    ["Sat, 07 Sep 02 00:00:01 GMT", "2002-09-07T00:00:01.000Z"],
    ["Thu, 01 Jan 98 00:00:00 GMT", "1998-01-01T00:00:00.000Z"],
    ["  Tue,   26 Nov  2024   09:30:00   GMT ", "2024-11-26T09:30:00.000Z"],
    ["Tue, 26 Nov 2024 09:30:00", "2024-11-26T09:30:00.000Z"],
    ["Tuesday, November 26, 2024 9:30 PM EST", "2024-11-27T02:30:00.000Z"],
    ["Nov. 26, 2024 09:30 GMT", "2024-11-26T09:30:00.000Z"],
    ["2024-11-26T09:30:00Z", "2024-11-26T09:30:00.000Z"],
    ["2024-11-26T09:30:00.250+01:00", "2024-11-26T08:30:00.250Z"],
    ["2024-11-26T09:30:00+0100", "2024-11-26T08:30:00.000Z"],
    ["2024-11-26T09:30Z", "2024-11-26T09:30:00.000Z"],
    ["2024-11-26 09:30:00", "2024-11-26T09:30:00.000Z"],
    ["2024-11-26", "2024-11-26T00:00:00.000Z"],
    ["20241126T093000Z", "2024-11-26T09:30:00.000Z"],
    // Portuguese, German, French, Spanish, Italian day and month names.
    ["Seg, 24 Set 2018 19:42:40 -0300", "2018-09-24T22:42:40.000Z"],
    ["Sáb, 06 Out 2018 10:00:00 -0300", "2018-10-06T13:00:00.000Z"],
    ["Di, 13 Mär 2018 10:00:00 +0100", "2018-03-13T09:00:00.000Z"],
    ["Mo, 03 Dez 2018 10:00:00 +0100", "2018-12-03T09:00:00.000Z"],
    ["lun., 26 févr. 2018 10:00:00 +0100", "2018-02-26T09:00:00.000Z"],
    ["jeu., 16 août 2018 10:00:00 +0200", "2018-08-16T08:00:00.000Z"],
    ["mié, 12 dic 2018 10:00:00 +0100", "2018-12-12T09:00:00.000Z"],
    ["24 de setembro de 2018 19:42", "2018-09-24T19:42:00.000Z"],
    ["mar, 15 nov 2022 21:15:04 +0100", "2022-11-15T20:15:04.000Z"],
  ])("%s", (raw, expected) => {
    expect(iso(raw)).toBe(expected);
  });

  it.each(["", "   ", "not a date", "Tue, 31 Feb 2024 09:30:00 GMT", "2024-13-01", "Tue, 26 Nov 2024 25:99:00 GMT", "Tue, 26 Foo 2024 09:30 GMT", "12345"])(
    "null for %j",
    (raw) => {
      expect(parseFeedDate(raw)).toBeNull();
    },
  );

  it("null for null and undefined", () => {
    expect(parseFeedDate(null)).toBeNull();
    expect(parseFeedDate(undefined)).toBeNull();
  });

  it("clamps dates beyond a few minutes ahead of now", () => {
    const now = new Date("2024-11-26T12:00:00Z");
    expect(parseFeedDate("2024-11-26T12:04:00Z", now)?.toISOString()).toBe("2024-11-26T12:04:00.000Z");
    expect(parseFeedDate("2024-11-26T13:00:00Z", now)).toEqual(now);
    expect(clampToNow(new Date("2030-01-01T00:00:00Z"), now)).toEqual(now);
    expect(clampToNow(new Date("2020-01-01T00:00:00Z"), now)).toEqual(new Date("2020-01-01T00:00:00Z"));
  });
});
