import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { decodeBody } from "../../../src/ingest/feed/decode-body.js";
import { parseFeed } from "../../../src/ingest/feed/parse-feed.js";

const title = "Notícias – Últimas: Mãe é presidente";

function rss(declaration: string): string {
  return `${declaration}<rss version="2.0"><channel><title>${title}</title><item><title>Ação</title><link>https://enc.example/1</link></item></channel></rss>`;
}

function titleOf(body: Uint8Array, contentType?: string): string {
  const result = parseFeed(body, { contentType });
  if (result.status !== "ok") throw new Error(result.status);
  return result.feed.title;
}

describe("feed encodings", () => {
  it("reads ISO-8859-1 named in the XML declaration", () => {
    // windows-1252 bytes cover the en dash that plain latin-1 lacks; ISO-8859-1 labels read as 1252.
    const body = iconv.encode(rss(`<?xml version="1.0" encoding="ISO-8859-1"?>`), "windows-1252");
    expect(titleOf(body)).toBe(title);
  });

  it("lets the HTTP charset win over the XML declaration", () => {
    const body = iconv.encode(rss(`<?xml version="1.0" encoding="UTF-8"?>`).replace("–", "-"), "latin1");
    expect(titleOf(body, "text/xml; charset=latin1")).toBe(title.replace("–", "-"));
  });

  it("reads windows-1251 (Cyrillic)", () => {
    const xml = `<?xml version="1.0" encoding="windows-1251"?><rss version="2.0"><channel><title>Новости дня</title></channel></rss>`;
    expect(titleOf(iconv.encode(xml, "windows-1251"))).toBe("Новости дня");
  });

  it("reads UTF-16LE and UTF-16BE with a BOM", () => {
    const xml = rss(`<?xml version="1.0" encoding="UTF-16"?>`);
    expect(titleOf(iconv.encode(xml, "utf-16le", { addBOM: true }))).toBe(title);
    expect(titleOf(iconv.encode(xml, "utf-16be", { addBOM: true }))).toBe(title);
  });

  it("reads UTF-16 without a BOM from its zero bytes", () => {
    expect(titleOf(iconv.encode(rss(`<?xml version="1.0" encoding="UTF-16"?>`), "utf-16le"))).toBe(title);
  });

  it("reads a file that declares UTF-16 but is really UTF-8", () => {
    expect(titleOf(new TextEncoder().encode(rss(`<?xml version="1.0" encoding="utf-16"?>`)))).toBe(title);
  });

  it("reads undeclared latin-1 (invalid UTF-8) as windows-1252 and says so", () => {
    const body = iconv.encode(rss(""), "windows-1252");
    const result = parseFeed(body, {});
    expect(result.status === "ok" && result.feed.title).toBe(title);
    expect(result.status === "ok" && result.warnings.join()).toContain("windows-1252");
  });

  it("treats a latin-1 label on valid multi-byte UTF-8 as a mislabel", () => {
    const body = new TextEncoder().encode(rss(`<?xml version="1.0" encoding="UTF-8"?>`));
    expect(titleOf(body, "text/xml; charset=ISO-8859-1")).toBe(title);
  });

  it("strips a UTF-8 BOM", () => {
    const body = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(rss(""))]);
    expect(decodeBody(body).text.startsWith("<rss")).toBe(true);
    expect(titleOf(body)).toBe(title);
  });
});
