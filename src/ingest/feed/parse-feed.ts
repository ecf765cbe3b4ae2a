import { parseJsonFeed } from "feedsmith";
import type { FeedParseResult, ParsedFeed } from "../parsed-feed.js";
import { decodeBody } from "./decode-body.js";
import { findFeedAlternates } from "./html-alternates.js";
import { mapAtom } from "./map-atom.js";
import type { MapContext } from "./map-context.js";
import { mapJson } from "./map-json.js";
import { mapRdf } from "./map-rdf.js";
import { mapRss } from "./map-rss.js";
import { readXml } from "./read-xml.js";
import { endsWithRootEndTag } from "./truncated-xml.js";
import { child, type XmlElement } from "./xml-element.js";
import type { NamespaceRole } from "./xml-namespaces.js";
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
 * truncated or malformed document comes back partial with the items that could be read.
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

  // The reader only ever sees the root element: no declaration, no DOCTYPE, nothing to expand.
  const root = text.slice(prolog.rootStart);
  const read = readXml(root, NATIVE_ROLE[format]);
  const feed = read.root === null ? emptyFeed(format) : MAPPERS[format](read.root, ctx);
  // No root at all here means its start tag was cut in half.
  if (read.root === null || (read.unclosed !== null && !endsWithRootEndTag(root, prolog.rootName))) {
    return { status: "partial", feed, error: `feed is truncated (no closing root element); read ${feed.items.length} items before the cut` };
  }
  const faults = read.faults.map((fault) => `malformed XML: ${fault}`);
  // The root's end tag is there but was swallowed (by an unclosed value, say): broken, not cut.
  if (read.unclosed !== null) faults.push(`malformed XML: ${read.unclosed} is never closed`);
  if (format === "rss" && child(read.root, "", "channel") === undefined) faults.push(`<${read.root.qname}> has no <channel>`);
  if (faults.length > 0) {
    const others = faults.length - 1 + read.faultCount - read.faults.length;
    const more = others > 0 ? ` (and ${others} more problems)` : "";
    return { status: "partial", feed, error: `${faults[0]}${more}; read ${feed.items.length} items` };
  }
  return { status: "ok", feed, warnings };
}

/** The vocabulary each format's own elements belong to: read as the document's, prefixed or not. */
const NATIVE_ROLE: Record<XmlFormat, NamespaceRole> = { rss: "rss", rdf: "rss", atom: "atom" };

function emptyFeed(format: XmlFormat): ParsedFeed {
  return { format, title: "", link: null, ttlMinutes: null, items: [] };
}

const MAPPERS: Record<XmlFormat, (root: XmlElement, ctx: MapContext) => ParsedFeed> = { rss: mapRss, atom: mapAtom, rdf: mapRdf };

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
