import type { NamespaceRole } from "./xml-namespaces.js";
import { cleanValue } from "./xml-text.js";

/**
 * One element of a feed document. Text is not copied out while reading: `start`/`end` delimit
 * the content in `source`, and the mappers decode only the values they use.
 */
export interface XmlElement {
  /** Vocabulary of the element; the document's own elements have role "". */
  role: NamespaceRole;
  /** Local name, lower-cased (feeds disagree on `pubDate` / `pubdate`). */
  name: string;
  /** The name as written, prefix included (for messages and xhtml content). */
  qname: string;
  /** Attribute values as written, keyed `local` or `role:local` (`rdf:about`, `xml:base`). */
  attrs: Record<string, string> | null;
  children: XmlElement[];
  source: string;
  /** Content span: after the start tag's `>` up to the end tag's `<` (or the end of a cut body). */
  start: number;
  end: number;
  /** False for an element still open when the body ended. */
  closed: boolean;
}

export function child(el: XmlElement | undefined, role: NamespaceRole, name: string): XmlElement | undefined {
  if (el === undefined) return undefined;
  for (const c of el.children) if (c.name === name && c.role === role) return c;
  return undefined;
}

export function childrenOf(el: XmlElement | undefined, role: NamespaceRole, name: string): XmlElement[] {
  return el === undefined ? [] : el.children.filter((c) => c.name === name && c.role === role);
}

/** The text of the first such child. */
export function textOf(el: XmlElement | undefined, role: NamespaceRole, name: string): string | undefined {
  const c = child(el, role, name);
  return c === undefined ? undefined : contentText(c);
}

/** The first non-empty text among repeated children (Dublin Core values may repeat). */
export function firstTextOf(el: XmlElement | undefined, role: NamespaceRole, name: string): string | undefined {
  if (el === undefined) return undefined;
  for (const c of el.children) {
    if (c.name !== name || c.role !== role) continue;
    const text = contentText(c);
    if (text !== undefined) return text;
  }
  return undefined;
}

/** Decoded, trimmed content; undefined when empty. */
export function contentText(el: XmlElement): string | undefined {
  return el.end > el.start ? cleanValue(el.source.slice(el.start, el.end)) : undefined;
}

/** Decoded, trimmed attribute value; undefined when absent or empty. */
export function attr(el: XmlElement | undefined, key: string): string | undefined {
  const raw = el?.attrs?.[key];
  return raw === undefined ? undefined : cleanValue(raw);
}
