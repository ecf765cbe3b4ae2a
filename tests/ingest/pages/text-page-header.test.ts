import { describe, expect, it } from "vitest";
import { readTextHeader } from "../../../src/ingest/pages/text-page-header.js";

const lines = (text: string) => text.split("\n");

describe("readTextHeader", () => {
  it("reads bullets for section, date and time", () => {
    const header = readTextHeader(lines("Headline\n\n• World\n• Wednesday, 26 Nov 2025\n• 10:42 AM GMT\n• Updated 3 hours ago\n\nBody starts here with a sentence."));
    expect(header).toMatchObject({ headline: "Headline", section: "World", byline: null, fromUpdate: false, bodyStart: 6 });
    expect(header?.published?.toISOString()).toBe("2025-11-26T10:42:00.000Z");
  });

  it("reads a byline and a date with its time on one line", () => {
    const header = readTextHeader(lines("Headline\nBy Ruth Adeyemi, Political Correspondent\nPublished: Tuesday 25 November 2025 06:30 GMT\nBody text that is a sentence."));
    expect(header).toMatchObject({ byline: "Ruth Adeyemi", section: null, bodyStart: 3 });
    expect(header?.published?.toISOString()).toBe("2025-11-25T06:30:00.000Z");
  });

  it("falls back to an update time and says so", () => {
    const header = readTextHeader(lines("Headline\nUpdated 2:15 PM EST, November 24, 2025\n\nBody."));
    expect(header?.fromUpdate).toBe(true);
    expect(header?.published?.toISOString()).toBe("2025-11-24T19:15:00.000Z");
  });

  it("ends the header at the first story line", () => {
    const header = readTextHeader(lines("Headline\nLONDON (Reuters) - The story begins at once, without any header lines."));
    expect(header).toMatchObject({ section: null, published: null, bodyStart: 1 });
  });

  it("returns null for blank text", () => {
    expect(readTextHeader(["", "  "])).toBeNull();
  });
});
