// Feeds name the same vocabularies under many prefixes (`dc:`, `dcterms:`, `a10:` for Atom) and
// several spellings of each namespace URI (http or https, with or without the trailing slash).
// Elements are matched by role — which vocabulary they belong to — never by the prefix written.

/** A vocabulary the mappers read. "" is the document's own (RSS, RDF or Atom) elements. */
export type NamespaceRole = "" | "atom" | "dc" | "dcterms" | "content" | "rdf" | "rss" | "media" | "xhtml" | "xml" | "other";

/** Namespace URIs, compared without scheme, case or trailing slash. */
const ROLE_OF_URI = new Map<string, NamespaceRole>([
  ["www.w3.org/2005/atom", "atom"],
  ["purl.org/atom/ns#", "atom"], // Atom 0.3
  ["purl.org/dc/elements/1.1", "dc"],
  ["dublincore.org/documents/dcmi-namespace", "dc"],
  ["purl.org/dc/terms", "dcterms"],
  ["dublincore.org/documents/dcmi-terms", "dcterms"],
  ["purl.org/rss/1.0/modules/content", "content"],
  ["www.w3.org/1999/02/22-rdf-syntax-ns#", "rdf"],
  ["purl.org/rss/1.0", "rss"],
  ["my.netscape.com/rdf/simple/0.9", "rss"], // RSS 0.90
  ["search.yahoo.com/mrss", "media"],
  ["video.search.yahoo.com/mrss", "media"],
  ["www.w3.org/1999/xhtml", "xhtml"],
  ["www.w3.org/xml/1998/namespace", "xml"],
]);

/** The prefix each vocabulary is usually written with: what an undeclared prefix is taken to mean. */
const ROLE_OF_PREFIX = new Map<string, NamespaceRole>([
  ["atom", "atom"],
  ["dc", "dc"],
  ["dcterms", "dcterms"],
  ["content", "content"],
  ["rdf", "rdf"],
  ["rss", "rss"],
  ["media", "media"],
  ["xhtml", "xhtml"],
  ["xml", "xml"],
]);

export function roleOfUri(uri: string): NamespaceRole | undefined {
  const key = uri.trim().toLowerCase().replace(/^https?:\/\//, "").replace(/\/+$/, "");
  return ROLE_OF_URI.get(key);
}

/**
 * The role of a prefix bound to `uri` (or left undeclared when `uri` is undefined). An unknown URI
 * under a well-known prefix still means that vocabulary: generators misspell URIs more often than
 * they reuse `dc:` for something else.
 */
export function roleOfPrefix(prefix: string, uri: string | undefined): NamespaceRole {
  if (prefix === "xml") return "xml"; // bound by definition, never redeclared
  return (uri === undefined ? undefined : roleOfUri(uri)) ?? ROLE_OF_PREFIX.get(prefix) ?? "other";
}
