import { decodeEntities } from "../text/entities.js";

const FEED_TYPES = new Set(["application/rss+xml", "application/atom+xml", "application/feed+json", "application/json"]);

/**
 * Feed URLs an HTML page advertises with `<link rel="alternate" type="application/rss+xml">`
 * (or atom+xml / feed+json), made absolute against `<base href>` and the page URL.
 * Only the `<head>` is read: alternates live there and pages can be megabytes long.
 */
export function findFeedAlternates(html: string, pageUrl?: string): string[] {
  const headEnd = html.search(/<\/head\s*>|<body[\s>]/i);
  const head = headEnd === -1 ? html.slice(0, 200_000) : html.slice(0, headEnd);
  let base = pageUrl;
  const baseTag = /<base\b[^>]*>/i.exec(head);
  if (baseTag !== null) {
    const href = readAttributes(baseTag[0]).get("href");
    if (href !== undefined) base = absolute(href, pageUrl) ?? base;
  }
  const found: string[] = [];
  for (const tag of head.match(/<link\b[^>]*>/gi) ?? []) {
    const attrs = readAttributes(tag);
    const rel = (attrs.get("rel") ?? "").toLowerCase().split(/\s+/);
    const type = (attrs.get("type") ?? "").toLowerCase().split(";")[0]!.trim();
    const href = attrs.get("href");
    if (!rel.includes("alternate") || !FEED_TYPES.has(type) || href === undefined) continue;
    const url = absolute(href, base);
    if (url !== null && !found.includes(url)) found.push(url);
  }
  return found;
}

function readAttributes(tag: string): Map<string, string> {
  const attrs = new Map<string, string>();
  const re = /([^\s=/<>"']+)\s*(?:=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+)))?/g;
  // Skip the tag name itself.
  const afterName = tag.search(/\s/);
  re.lastIndex = afterName === -1 ? tag.length : afterName;
  for (let m = re.exec(tag); m !== null; m = re.exec(tag)) {
    const name = m[1]!.toLowerCase();
    if (!attrs.has(name)) attrs.set(name, decodeEntities(m[2] ?? m[3] ?? m[4] ?? "").trim());
  }
  return attrs;
}

function absolute(href: string, base: string | undefined): string | null {
  try {
    const url = new URL(href, base);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch {
    return null;
  }
}
