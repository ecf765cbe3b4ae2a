import { parseAtomFeed, parseJsonFeed, parseRdfFeed, parseRssFeed } from "feedsmith";
import type { FeedParseResult, ParsedFeed } from "../parsed-feed.js";
import { decodeBody } from "./decode-body.js";
import { findFeedAlternates } from "./html-alternates.js";
import { mapAtom } from "./map-atom.js";
import type { MapContext } from "./map-context.js";
import { mapJson } from "./map-json.js";
import { mapRdf } from "./map-rdf.js";
import { mapRss } from "./map-rss.js";
import { closersFor, closeTruncated, isRootClosed, itemChunks } from "./truncated-xml.js";
import { dropUndeclaredRssPrefix } from "./undeclared-prefix.js";
import { readProlog } from "./xml-prolog.js";

export interface ParseFeedOptions {
  /** Where the body came from: base for relative links and for an HTML page's alternates. */
  url?: string;
  /** The HTTP Content-Type header; its charset wins over the XML declaration. */
  contentType?: string;
  /** Clock for clamping future dates; defaults to the current time. */
  now?: Date;
}

type XmlFormat = "rss" | "atom" | "rdf";

// A lone Atom <entry> document is read as a feed of one entry.
const ROOTS = new Map<string, XmlFormat>([["rss", "rss"], ["feed", "atom"], ["entry", "atom"], ["rdf", "rdf"]]);

/**
 * Parses an RSS 0.9x/1.0/2.0, RDF, Atom 0.3/1.0 or JSON Feed body. Never throws: hostile
 * documents are refused, HTML pages come back as not-a-feed with their advertised feeds, and a
 * truncated document yields the items that were complete.
 */
export function parseFeed(body: Uint8Array | string, opts: ParseFeedOptions = {}): FeedParseResult {
  const warnings: string[] = [];
  const { text, warning } = decodeBody(body, opts.contentType);
  if (warning !== undefined) warnings.push(warning);
  const ctx: MapContext = { feedUrl: opts.url, now: opts.now ?? new Date() };

  if (/^\s*[{[]/.test(text.slice(0, 64))) return parseJson(text, ctx, warnings);

  const prolog = readProlog(text);
  if (prolog.doctype?.declaresEntities) {
    return { status: "refused", error: "feed declares XML entities (DOCTYPE); refused to expand them" };
  }
  const localRoot = prolog.rootName.slice(prolog.rootName.indexOf(":") + 1);
  const format = ROOTS.get(localRoot);
  if (format === undefined) return notAFeed(text, prolog.rootName, prolog.doctype?.name, opts.url);
  if (prolog.doctype !== null) warnings.push(`ignored the DOCTYPE (${prolog.doctype.name || "unnamed"})`);

  // The parser only ever sees the root element: no declaration, no DOCTYPE, nothing to expand.
  const root = text.slice(prolog.rootStart);
  const xml = format === "rss" ? dropUndeclaredRssPrefix(root) : localRoot === "entry" ? `<feed xmlns="http://www.w3.org/2005/Atom">${root}</feed>` : root;
  if (!isRootClosed(root, prolog.rootName)) return parseTruncated(xml, format, ctx);
  const parsed = parseXml(xml, format, ctx);
  if (parsed.ok) return { status: "ok", feed: parsed.feed, warnings };
  // Complete but malformed (mismatched tags, broken markup): read the items one by one.
  return salvageItems(xml, format, ctx, parsed.error);
}

function parseXml(xml: string, format: XmlFormat, ctx: MapContext): { ok: true; feed: ParsedFeed } | { ok: false; error: string } {
  try {
    switch (format) {
      case "rss":
        return { ok: true, feed: mapRss(parseRssFeed(xml), ctx) };
      case "atom":
        return { ok: true, feed: mapAtom(parseAtomFeed(xml), ctx) };
      case "rdf":
        return { ok: true, feed: mapRdf(parseRdfFeed(xml), ctx) };
    }
  } catch (error) {
    return { ok: false, error: describe(error) };
  }
}

function parseTruncated(xml: string, format: XmlFormat, ctx: MapContext): FeedParseResult {
  const closed = parseXml(closeTruncated(xml), format, ctx);
  if (closed.ok) {
    return { status: "partial", feed: closed.feed, error: `feed is truncated (no closing root element); read ${closed.feed.items.length} items before the cut` };
  }
  return salvageItems(xml, format, ctx, "feed is truncated");
}

/** Last resort: the channel header and each item parsed on their own, keeping those that parse. */
function salvageItems(xml: string, format: XmlFormat, ctx: MapContext, why: string): FeedParseResult {
  const { header, chunks } = itemChunks(xml);
  const head = parseXml(header + closersFor(header), format, ctx);
  const feed: ParsedFeed = head.ok ? { ...head.feed, items: [] } : { format, title: "", link: null, ttlMinutes: null, items: [] };
  for (const chunk of chunks) {
    const one = parseXml(header + chunk + closersFor(header), format, ctx);
    if (one.ok) feed.items.push(...one.feed.items);
  }
  return { status: "partial", feed, error: `${why}; read ${feed.items.length} of ${chunks.length} items one by one` };
}

function parseJson(text: string, ctx: MapContext, warnings: string[]): FeedParseResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { status: "not-a-feed", error: `body looks like JSON but does not parse: ${describe(error)}`, alternates: [] };
  }
  try {
    return { status: "ok", feed: mapJson(parseJsonFeed(json), ctx), warnings };
  } catch {
    return { status: "not-a-feed", error: "JSON document is not a JSON Feed (no version, title or items)", alternates: [] };
  }
}

function notAFeed(text: string, rootName: string, doctypeName: string | undefined, url: string | undefined): FeedParseResult {
  const looksHtml = rootName === "html" || doctypeName === "html" || /^(?:head|body|meta|title|div|p|a|h1|link|script)$/.test(rootName);
  if (looksHtml) {
    const alternates = findFeedAlternates(text, url);
    const hint = alternates.length > 0 ? `; it links to ${alternates.length} feed(s)` : "";
    return { status: "not-a-feed", error: `got an HTML page, not a feed${hint}`, alternates };
  }
  const what = rootName === "" ? "no XML element found" : `root element <${rootName}> is not rss, feed or rdf:RDF`;
  return { status: "not-a-feed", error: `not a feed: ${what}`, alternates: [] };
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : "";
  return `${error.message}${cause}`;
}
