import { attr, child, childrenOf, contentText, textOf, type XmlElement } from "./xml-element.js";
import type { NamespaceRole } from "./xml-namespaces.js";
import { cleanValue, escapeCdata } from "./xml-text.js";

// Atom elements read the same way in an Atom document (role "") and inside RSS (role "atom").

export interface AtomLink {
  href: string;
  rel: string | undefined;
  type: string | undefined;
  /** The link element's own xml:base, if any. */
  base: string | undefined;
}

export function atomLinks(el: XmlElement | undefined, role: NamespaceRole): AtomLink[] {
  const links: AtomLink[] = [];
  for (const link of childrenOf(el, role, "link")) {
    // Atom puts the URL in href; some feeds write it as the element's text.
    const href = attr(link, "href") ?? contentText(link);
    if (href !== undefined) links.push({ href, rel: attr(link, "rel"), type: attr(link, "type"), base: attr(link, "xml:base") });
  }
  return links;
}

/** The `rel="self"` link: where the feed says it lives. */
export function selfLink(links: readonly AtomLink[]): AtomLink | undefined {
  return links.find((l) => l.rel?.toLowerCase() === "self");
}

/** The `rel="alternate"` (or rel-less) link, preferring an HTML one. */
export function alternateLink(links: readonly AtomLink[]): AtomLink | undefined {
  const alternates = links.filter((l) => l.rel === undefined || l.rel.toLowerCase() === "alternate");
  return alternates.find((l) => l.type === undefined || /html/i.test(l.type)) ?? alternates[0];
}

/** An Atom text construct (title, summary, content): text and html decoded, xhtml kept as markup. */
export function atomText(el: XmlElement | undefined, role: NamespaceRole, name: string): string | undefined {
  const c = child(el, role, name);
  if (c === undefined) return undefined;
  const type = attr(c, "type");
  if (type !== "xhtml" && type !== "application/xhtml+xml") return contentText(c);
  const markup = escapeCdata(c.source.slice(c.start, c.end));
  const inner = xhtmlDivContent(markup);
  if (inner !== null) return inner.trim() || undefined;
  return /^\s*<(?:[a-zA-Z][\w.-]*:)?div[\s/>]/.test(markup) ? markup.trim() || undefined : cleanValue(c.source.slice(c.start, c.end));
}

/**
 * The inner markup of the one `<div>` wrapping xhtml content, its prefix (`<xhtml:p>`) dropped so
 * it reads as HTML; null when the content is not a single div.
 */
function xhtmlDivContent(markup: string): string | null {
  const open = /^\s*<(?:([a-zA-Z][\w.-]*):)?div(?=[\s/>])[^>]*>/.exec(markup);
  if (open === null || open[0].endsWith("/>")) return null;
  const prefix = open[1];
  const tag = new RegExp(`<(/?)${prefix === undefined ? "" : `${prefix.replace(/\./g, "\\.")}:`}div(?=[\\s/>])[^>]*?(/?)>`, "g");
  tag.lastIndex = open[0].length;
  let depth = 1;
  for (let m = tag.exec(markup); m !== null; m = tag.exec(markup)) {
    if (m[1] === "/") depth--;
    else if (m[2] !== "/") depth++;
    if (depth === 0) {
      if (markup.slice(m.index + m[0].length).trim() !== "") return null;
      const inner = markup.slice(open[0].length, m.index);
      return prefix === undefined ? inner : inner.replace(new RegExp(`(</?)${prefix.replace(/\./g, "\\.")}:`, "g"), "$1");
    }
  }
  return null;
}

/** published, or Atom 0.3's issued / created. */
export function atomPublished(el: XmlElement | undefined, role: NamespaceRole): string | undefined {
  return textOf(el, role, "published") ?? textOf(el, role, "issued") ?? textOf(el, role, "created");
}

/** updated, or Atom 0.3's modified. */
export function atomUpdated(el: XmlElement | undefined, role: NamespaceRole): string | undefined {
  return textOf(el, role, "updated") ?? textOf(el, role, "modified");
}

/** The name of the first author that says anything about itself. */
export function atomAuthorName(el: XmlElement | undefined, role: NamespaceRole): string | undefined {
  for (const author of childrenOf(el, role, "author")) {
    const name = textOf(author, role, "name");
    if (name !== undefined) return name;
    if (textOf(author, role, "email") !== undefined || textOf(author, role, "uri") !== undefined || textOf(author, role, "url") !== undefined) return undefined;
  }
  return undefined;
}
