import { decodeEntities } from "../text/entities.js";

// Publishers describe an article in schema.org JSON-LD: a lone object, an array of them, or an
// `@graph` whose nodes point at each other by `@id` (an article's publisher is often just
// `{"@id": "…#organization"}`). Blocks are written by templates and are often broken (raw line
// breaks inside strings, HTML comments around them, plain syntax errors): a broken block is
// reported and skipped, never thrown.

/** The article fields we read from JSON-LD, as written (dates still raw). */
export interface JsonLdArticle {
  headline: string | null;
  datePublished: string | null;
  section: string | null;
  authors: string[];
  publisherName: string | null;
  url: string | null;
  description: string | null;
  /** As written: may hold HTML and line breaks. */
  articleBody: string | null;
}

export interface JsonLdReading {
  article: JsonLdArticle | null;
  warnings: string[];
}

const ARTICLE_TYPES = new Set([
  "article", "newsarticle", "reportagenews", "analysisnewsarticle", "opinionnewsarticle", "reviewnewsarticle",
  "backgroundnewsarticle", "askpublicnewsarticle", "blogposting", "liveblogposting", "report",
]);

/** Nodes looked at per page: enough for any real `@graph`, bounded for hostile ones. */
const MAX_NODES = 500;

type JsonObject = Record<string, unknown>;

/** Reads the first article node across the page's JSON-LD blocks (in document order). */
export function readJsonLdArticle(blocks: string[]): JsonLdReading {
  const warnings: string[] = [];
  const nodes: JsonObject[] = [];
  blocks.forEach((block, index) => {
    const parsed = parseBlock(block);
    if (parsed.ok) collectNodes(parsed.value, nodes, 0);
    else warnings.push(`JSON-LD block ${index + 1} does not parse (${parsed.error}); ignored it`);
  });
  const byId = new Map<string, JsonObject>();
  for (const node of nodes) {
    const id = node["@id"];
    if (typeof id === "string" && !byId.has(id)) byId.set(id, node);
  }
  const articles = nodes.filter(isArticle);
  const node = articles.find((a) => text(a.headline) !== null) ?? articles[0];
  return { article: node === undefined ? null : toArticle(node, byId), warnings };
}

function parseBlock(block: string): { ok: true; value: unknown } | { ok: false; error: string } {
  // Control characters are only legal in JSON as whitespace; templates leave raw line breaks
  // inside strings, so turning them all into spaces keeps the meaning and lets the block parse.
  const cleaned = block
    .trim()
    .replace(/^(?:<!--|\/\/\s*<!\[CDATA\[|<!\[CDATA\[)/, "")
    .replace(/(?:-->|\/\/\s*\]\]>|\]\]>)$/, "")
    // eslint-disable-next-line no-control-regex -- matching control characters is the point here
    .replace(/[\u0000-\u001f]/g, " ");
  try {
    return { ok: true, value: JSON.parse(cleaned) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, error: message.slice(0, 120) };
  }
}

/** Top-level objects, arrays of them and `@graph` members; never deeper than a few levels. */
function collectNodes(value: unknown, into: JsonObject[], depth: number): void {
  if (depth > 3 || into.length >= MAX_NODES) return;
  if (Array.isArray(value)) {
    for (const item of value) collectNodes(item, into, depth + 1);
    return;
  }
  if (!isObject(value)) return;
  into.push(value);
  if ("@graph" in value) collectNodes(value["@graph"], into, depth + 1);
}

function isArticle(node: JsonObject): boolean {
  const type = node["@type"];
  const types = Array.isArray(type) ? type : [type];
  return types.some((t) => typeof t === "string" && ARTICLE_TYPES.has(t.toLowerCase().replace(/^.*[/:]/, "")));
}

function toArticle(node: JsonObject, byId: Map<string, JsonObject>): JsonLdArticle {
  const publisher = resolve(first(node.publisher), byId);
  return {
    headline: text(node.headline) ?? text(node.name),
    datePublished: text(node.datePublished) ?? text(node.dateCreated),
    section: text(first(node.articleSection)),
    authors: names(node.author, byId),
    publisherName: publisher === null ? null : text(publisher.name),
    url: urlOf(node.url) ?? urlOf(node.mainEntityOfPage),
    description: text(node.description),
    articleBody: typeof node.articleBody === "string" ? node.articleBody : null,
  };
}

/** Author names from a string, a Person/Organization, an `@id` reference or a list of those. */
function names(value: unknown, byId: Map<string, JsonObject>): string[] {
  const found: string[] = [];
  for (const item of (Array.isArray(value) ? value : [value]).slice(0, 50)) {
    const name = typeof item === "string" ? text(item) : text(resolve(item, byId)?.name);
    // A URL where a name belongs ("www.facebook.com/…") is not a byline.
    if (name !== null && !/^(?:https?:\/\/|www\.)/i.test(name) && !found.includes(name)) found.push(name);
  }
  return found;
}

function resolve(value: unknown, byId: Map<string, JsonObject>): JsonObject | null {
  if (!isObject(value)) return null;
  const id = value["@id"];
  if (typeof id === "string" && value.name === undefined) return byId.get(id) ?? value;
  return value;
}

function urlOf(value: unknown): string | null {
  const v = first(value);
  if (typeof v === "string") return text(v);
  if (isObject(v)) return text(v["@id"]) ?? text(v.url);
  return null;
}

function first(value: unknown): unknown {
  return Array.isArray(value) ? value[0] : value;
}

/** A trimmed, entity-decoded, whitespace-collapsed string; null for anything else or empty. */
function text(value: unknown): string | null {
  if (typeof value !== "string") return null;
  const t = decodeEntities(value).replace(/\s+/g, " ").trim();
  return t === "" ? null : t;
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
