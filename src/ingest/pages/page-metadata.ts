// Everything the page says about itself outside the article text, read from the DOM before
// Readability runs (Readability rewrites the document it is given). Values are raw strings:
// choosing between them is the job of article-title.ts and published-date.ts.

/** The slice of the DOM we read; linkedom's document satisfies it. */
export interface MetadataDocument {
  querySelectorAll(selectors: string): ArrayLike<MetadataElement>;
}
export interface MetadataElement {
  getAttribute(name: string): string | null;
  readonly textContent: string | null;
}

export interface PageMetadata {
  /** `<meta>` contents by lower-cased `property`, `name` or `itemprop`, in document order. */
  meta: Map<string, string[]>;
  /** The `<title>` text. */
  documentTitle: string | null;
  /** Texts of the `<h1>` elements, in document order. */
  headings: string[];
  canonicalHref: string | null;
  /** `<time datetime>` values; those marked as the publication time come first. */
  timeValues: string[];
  jsonLdBlocks: string[];
}

/** How many of each element are read: a page with 10,000 meta tags is not a news page. */
const MAX_PER_KIND = 500;

export function readPageMetadata(document: MetadataDocument): PageMetadata {
  const meta = new Map<string, string[]>();
  for (const el of take(document.querySelectorAll("meta"))) {
    const content = el.getAttribute("content");
    if (content === null || content.trim() === "") continue;
    for (const attr of ["property", "name", "itemprop"]) {
      const key = el.getAttribute(attr)?.trim().toLowerCase();
      if (key === undefined || key === "") continue;
      const list = meta.get(key) ?? [];
      list.push(content.trim());
      meta.set(key, list);
    }
  }

  const published: string[] = [];
  const other: string[] = [];
  for (const el of take(document.querySelectorAll("time[datetime]"))) {
    const value = el.getAttribute("datetime")?.trim();
    if (value === undefined || value === "") continue;
    const marked = el.getAttribute("itemprop")?.toLowerCase() === "datepublished" || el.getAttribute("pubdate") !== null;
    (marked ? published : other).push(value);
  }

  return {
    meta,
    documentTitle: clean(take(document.querySelectorAll("title"))[0]?.textContent),
    headings: take(document.querySelectorAll("h1"))
      .map((el) => clean(el.textContent))
      .filter((t): t is string => t !== null),
    canonicalHref: canonicalLink(document),
    timeValues: [...published, ...other],
    jsonLdBlocks: take(document.querySelectorAll("script"))
      .filter((el) => /ld\+json/i.test(el.getAttribute("type") ?? ""))
      .map((el) => el.textContent ?? ""),
  };
}

/** The first value of the first of `keys` that the page has. */
export function firstMeta(metadata: PageMetadata, ...keys: string[]): string | null {
  for (const key of keys) {
    const value = metadata.meta.get(key)?.[0];
    if (value !== undefined) return value;
  }
  return null;
}

function canonicalLink(document: MetadataDocument): string | null {
  for (const el of take(document.querySelectorAll("link[rel]"))) {
    const rel = (el.getAttribute("rel") ?? "").toLowerCase().split(/\s+/);
    const href = el.getAttribute("href")?.trim();
    if (rel.includes("canonical") && href !== undefined && href !== "") return href;
  }
  return null;
}

function take<T>(list: ArrayLike<T>): T[] {
  return Array.from({ length: Math.min(list.length, MAX_PER_KIND) }, (_, i) => list[i]!);
}

function clean(text: string | null | undefined): string | null {
  const t = (text ?? "").replace(/\s+/g, " ").trim();
  return t === "" ? null : t;
}
