// Some generators write RSS elements with an `rss:` prefix they never declare
// (`<rss:channel>`, `<rss:item>`). No namespace can be meant, so the prefix is dropped.

const DECLARED = /xmlns:rss\s*=/i;

export function dropUndeclaredRssPrefix(xml: string): string {
  if (!xml.includes("<rss:") || DECLARED.test(xml.slice(0, 4096))) return xml;
  return xml.replace(/<(\/?)rss:/g, "<$1");
}
