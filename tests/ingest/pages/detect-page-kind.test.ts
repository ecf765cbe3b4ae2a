import { describe, expect, it } from "vitest";
import { detectPageKind } from "../../../src/ingest/pages/detect-page-kind.js";

const bytes = (text: string) => new TextEncoder().encode(text);

describe("detectPageKind", () => {
  it.each([
    ['<?xml version="1.0"?>\n<rss version="2.0"><channel></channel></rss>', "feed"],
    ['\ufeff<feed xmlns="http://www.w3.org/2005/Atom"></feed>', "feed"],
    ['<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"></rdf:RDF>', "feed"],
    ['<?xml version="1.0"?><!-- generator --><rss></rss>', "feed"],
    ['{"version": "https://jsonfeed.org/version/1.1", "items": []}', "feed"],
    ["<!DOCTYPE html><html><head><title>x</title></head></html>", "html"],
    ["\n\n<html lang=en><body>x</body></html>", "html"],
    ["<meta charset=utf-8><title>Fragment</title><p>Text</p>", "html"],
    ["Storm surge floods town\n\n• World\n\nPORT ELLERY (Reuters) - Sea water…", "text"],
    ["[Updated] Storm surge floods town\n\nSea water poured in.", "text"],
    ['[{"id": 1}]', "feed"],
  ])("%s → %s", (body, kind) => {
    expect(detectPageKind(body).kind).toBe(kind);
    expect(detectPageKind(bytes(body)).kind).toBe(kind);
  });

  it("trusts the body over a wrong content type", () => {
    expect(detectPageKind("<rss><channel></channel></rss>", { contentType: "text/html; charset=utf-8" })).toMatchObject({ kind: "feed", syntax: "xml" });
    expect(detectPageKind("<rss></rss>", { contentType: "text/plain" }).kind).toBe("feed");
    expect(detectPageKind("Plain words", { contentType: "text/html" }).kind).toBe("html");
  });

  it("uses the content type or file name when the body leaves it open", () => {
    expect(detectPageKind("<unknown-root/>", { fileName: "saved.xml" })).toMatchObject({ kind: "feed", syntax: "xml" });
    expect(detectPageKind("<unknown-root/>", { contentType: "application/rss+xml" }).kind).toBe("feed");
    expect(detectPageKind("Words", { fileName: "page.htm" }).kind).toBe("html");
    expect(detectPageKind("Words", { fileName: "https://x.example/a.txt?x=1" }).kind).toBe("text");
    expect(detectPageKind("", {}).kind).toBe("text");
  });

  it("decodes UTF-16 bytes before looking", () => {
    const utf16 = new Uint8Array([0xff, 0xfe, ...Array.from("<rss></rss>").flatMap((c) => [c.charCodeAt(0), 0])]);
    expect(detectPageKind(utf16).kind).toBe("feed");
  });

  it("gives a reason a person can read", () => {
    expect(detectPageKind("<rss></rss>").reason).toBe("root element is <rss>");
  });
});
