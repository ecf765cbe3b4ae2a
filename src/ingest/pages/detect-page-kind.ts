import { decodeBody } from "../feed/decode-body.js";
import { readProlog } from "../feed/xml-prolog.js";

// `newsflash import <path-or-url>` accepts a feed, an article page or a saved text page. The
// body decides first: servers label feeds text/html or text/plain (raw file hosts do), and saved
// files carry whatever extension the browser chose. The content type and file name only settle
// what the first bytes leave open.

export type PageKind =
  | { kind: "feed"; syntax: "xml" | "json"; reason: string }
  | { kind: "html"; reason: string }
  | { kind: "text"; reason: string };

export interface PageKindHints {
  /** The HTTP Content-Type, parameters allowed. */
  contentType?: string;
  /** A file name or URL path; only its extension is used. */
  fileName?: string;
}

/** Only the start of a body is looked at. */
const SNIFF_BYTES = 16_384;

const FEED_ROOTS = new Set(["rss", "feed", "rdf"]);
/** Elements an HTML page (or fragment) starts with. */
const HTML_ROOTS = new Set(["html", "head", "body", "meta", "title", "link", "script", "style", "div", "p", "article", "main", "header", "section", "h1", "h2", "a", "span", "table", "ul", "img"]);

export function detectPageKind(body: Uint8Array | string, hints: PageKindHints = {}): PageKind {
  const head = (typeof body === "string" ? body.slice(0, SNIFF_BYTES) : decodeBody(body.subarray(0, SNIFF_BYTES), hints.contentType).text)
    .replace(/^\ufeff/, "")
    .trimStart();

  // An object with a key, or an array of objects: "[Updated] Storm…" is a text page.
  if (/^(?:\{\s*"|\[\s*[{[\]])/.test(head)) return { kind: "feed", syntax: "json", reason: "body is JSON" };
  if (head.startsWith("<")) {
    const prolog = readProlog(head);
    const root = prolog.rootName.slice(prolog.rootName.indexOf(":") + 1);
    if (FEED_ROOTS.has(root)) return { kind: "feed", syntax: "xml", reason: `root element is <${prolog.rootName}>` };
    if (prolog.doctype?.name === "html" || HTML_ROOTS.has(root)) return { kind: "html", reason: `page starts with <${prolog.doctype?.name === "html" ? "!DOCTYPE html" : prolog.rootName}>` };
    if (/^<\?xml/i.test(head)) return { kind: "feed", syntax: "xml", reason: "body is an XML document" };
  }

  const type = (hints.contentType ?? "").split(";")[0]!.trim().toLowerCase();
  const extension = /\.([a-z0-9]{1,8})$/i.exec((hints.fileName ?? "").replace(/[?#].*$/, ""))?.[1]?.toLowerCase() ?? "";
  if (/(?:rss|atom|rdf)\+xml$|^(?:application|text)\/xml$/.test(type) || ["rss", "atom", "rdf", "xml"].includes(extension)) {
    return { kind: "feed", syntax: "xml", reason: type !== "" ? `content type ${type}` : `file extension .${extension}` };
  }
  if (/json$/.test(type) || extension === "json") return { kind: "feed", syntax: "json", reason: type !== "" ? `content type ${type}` : "file extension .json" };
  if (head.startsWith("<") || type === "text/html" || type === "application/xhtml+xml" || ["html", "htm", "xhtml"].includes(extension)) {
    return { kind: "html", reason: head.startsWith("<") ? "body starts with markup" : type !== "" ? `content type ${type}` : `file extension .${extension}` };
  }
  return { kind: "text", reason: "body is neither markup nor JSON" };
}
