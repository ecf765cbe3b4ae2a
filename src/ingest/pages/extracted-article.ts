/** What a single article page (HTML or saved plain text) yields, before it becomes a story. */
export interface ExtractedArticle {
  /** The headline, without a trailing " | Site Name". */
  title: string;
  /** The address the page was read from (or its own declared URL when none was given). */
  url: string | null;
  /** The page's preferred address, normalised by `canonicalUrl`. */
  canonicalUrl: string | null;
  /** Author names joined with ", ". */
  byline: string | null;
  publishedAt: Date | null;
  section: string | null;
  /** The publisher ("Reuters", "CNN"), when the page names it. */
  sourceName: string | null;
  /** Paragraphs separated by blank lines; no captions, credits or boilerplate. */
  bodyText: string;
  /** One or two lead sentences, no dateline. */
  summary: string;
}

/** Discriminated result: warnings say which fallbacks were taken, errors why nothing was kept. */
export type ArticleExtractResult =
  | { status: "ok"; article: ExtractedArticle; warnings: string[] }
  | { status: "not-an-article"; error: string };
