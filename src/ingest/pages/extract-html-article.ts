import { Readability } from "@mozilla/readability";
import { parseHTML } from "linkedom";
import { canonicalUrl } from "../canonical-url.js";
import { htmlToText } from "../text/html-to-text.js";
import { summarize } from "../text/summary.js";
import { chooseByline } from "./article-byline.js";
import { chooseTitle, hostName } from "./article-title.js";
import { boundHtml, DEFAULT_HTML_LIMITS, type HtmlLimits } from "./bound-html.js";
import type { ArticleExtractResult } from "./extracted-article.js";
import { readJsonLdArticle } from "./json-ld-article.js";
import { firstMeta, readPageMetadata, type MetadataDocument } from "./page-metadata.js";
import { choosePublishedDate } from "./published-date.js";
import { tidyParagraphs } from "./tidy-paragraphs.js";

export interface HtmlExtractOptions {
  /** Where the page was fetched from: base for relative links, fallback for the date. */
  url?: string;
  /** Clock for clamping future dates. */
  now?: Date;
  limits?: HtmlLimits;
}

/**
 * Below this much text a body is suspect: the JSON-LD articleBody is preferred when longer, and a
 * page with no article metadata is taken for a section front or an error page.
 */
const MIN_ARTICLE_CHARS = 200;

type ReadabilityArticle = ReturnType<Readability["parse"]>;

/**
 * Reads one news article page. Page metadata (JSON-LD, then meta tags) wins over what Readability
 * infers; Readability supplies the body. Never throws: hostile input is cut down to bounded size
 * and depth first (see bound-html.ts), and anything unreadable ends as "not-an-article".
 */
export function extractHtmlArticle(html: string, opts: HtmlExtractOptions = {}): ArticleExtractResult {
  try {
    return extract(html, opts);
  } catch (error) {
    return { status: "not-an-article", error: `could not read the page: ${error instanceof Error ? error.message : String(error)}` };
  }
}

function extract(html: string, opts: HtmlExtractOptions): ArticleExtractResult {
  const bounded = boundHtml(html, opts.limits ?? DEFAULT_HTML_LIMITS);
  const warnings = [...bounded.warnings];
  if (bounded.html.trim() === "") return { status: "not-an-article", error: "page is empty" };
  // linkedom builds no document element for text without markup: give it one.
  const markup = /<html[\s>]/i.test(bounded.html) ? bounded.html : `<html><body>${bounded.html}</body></html>`;
  const { document } = parseHTML(markup);

  // Readability rewrites the document: everything else is read before it runs.
  const metadata = readPageMetadata(document as MetadataDocument);
  const jsonLd = readJsonLdArticle(metadata.jsonLdBlocks);
  warnings.push(...jsonLd.warnings);
  const ld = jsonLd.article;
  const readable = runReadability(document, warnings);

  const pageUrl = opts.url ?? null;
  const siteName = firstMeta(metadata, "og:site_name") ?? ld?.publisherName ?? firstMeta(metadata, "application-name") ?? nonEmpty(readable?.siteName);
  const declaredUrl = chooseDeclaredUrl(metadata.canonicalHref, firstMeta(metadata, "og:url"), ld?.url ?? null, pageUrl);

  const title = chooseTitle({
    jsonLdHeadline: ld?.headline ?? null,
    ogTitle: firstMeta(metadata, "og:title"),
    twitterTitle: firstMeta(metadata, "twitter:title"),
    documentTitle: metadata.documentTitle,
    readabilityTitle: nonEmpty(readable?.title),
    headings: metadata.headings,
    siteNames: [siteName, ld?.publisherName, nonEmpty(readable?.siteName), hostName(pageUrl ?? declaredUrl)].filter((n): n is string => n != null),
  });
  if (title === null) return { status: "not-an-article", error: "page has no title (no headline, og:title, <title> or <h1>)" };

  let bodyText = paragraphs(htmlToText(readable?.content ?? ""));
  const ldBody = ld?.articleBody == null ? "" : paragraphs(htmlToText(ld.articleBody));
  if (bodyText.length < MIN_ARTICLE_CHARS && ldBody.length > bodyText.length) {
    bodyText = ldBody;
    warnings.push("article body taken from the JSON-LD articleBody");
  }
  const isMarkedArticle = ld !== null || /article/i.test(firstMeta(metadata, "og:type") ?? "");
  if (!isMarkedArticle && bodyText.length < MIN_ARTICLE_CHARS) {
    return { status: "not-an-article", error: `page has no article metadata and only ${bodyText.length} characters of article text` };
  }

  const description = ld?.description ?? firstMeta(metadata, "og:description", "description", "twitter:description");
  let summary = summarize(bodyText, { title });
  if (summary === "" && description !== null) {
    summary = summarize(htmlToText(description), { title });
    if (summary !== "") warnings.push("summary taken from the page description");
  }
  if (bodyText === "" && summary === "") return { status: "not-an-article", error: "page has a title but no article text or description" };

  const published = choosePublishedDate(
    { jsonLd: ld?.datePublished ?? null, metadata, readability: nonEmpty(readable?.publishedTime), url: pageUrl ?? declaredUrl },
    opts.now,
  );
  if (published.date === null) warnings.push("page states no publication date");
  else if (published.from === "url") warnings.push("publication day taken from the URL (no time of day)");

  return {
    status: "ok",
    article: {
      title,
      url: pageUrl ?? (declaredUrl === null ? null : canonicalUrl(declaredUrl)),
      canonicalUrl: declaredUrl === null ? null : canonicalUrl(declaredUrl, pageUrl ?? undefined),
      byline: chooseByline(ld?.authors ?? [], metadata, nonEmpty(readable?.byline)),
      publishedAt: published.date,
      section: ld?.section ?? firstMeta(metadata, "article:section", "parsely-section", "section"),
      sourceName: siteName,
      bodyText,
      summary,
    },
    warnings,
  };
}

function runReadability(document: unknown, warnings: string[]): ReadabilityArticle {
  try {
    // The page's JSON-LD has been read already, with our own rules.
    const article = new Readability(document as ConstructorParameters<typeof Readability>[0], { disableJSONLD: true }).parse();
    if (article === null) warnings.push("Readability found no article body");
    return article;
  } catch (error) {
    warnings.push(`Readability failed (${error instanceof Error ? error.message : String(error)})`);
    return null;
  }
}

/**
 * The page's own address for itself. `<link rel=canonical>` wins unless it is a bare relative
 * token ("8003098") some CMSes emit, which is less trustworthy than og:url.
 */
function chooseDeclaredUrl(canonicalHref: string | null, ogUrl: string | null, ldUrl: string | null, pageUrl: string | null): string | null {
  const looksAbsolute = (href: string | null): href is string => href !== null && /^(?:https?:)?\/\//i.test(href);
  const looksRooted = (href: string | null): href is string => href !== null && href.startsWith("/");
  for (const candidate of [canonicalHref, ogUrl, ldUrl]) {
    if (looksAbsolute(candidate) || (looksRooted(candidate) && pageUrl !== null)) return absolute(candidate, pageUrl);
  }
  const fallback = canonicalHref ?? ogUrl ?? ldUrl;
  return fallback !== null && pageUrl !== null ? absolute(fallback, pageUrl) : pageUrl;
}

function absolute(href: string, base: string | null): string | null {
  try {
    return new URL(href, base ?? undefined).href;
  } catch {
    return null;
  }
}

/** One paragraph per line of extracted text, tidied, separated by blank lines. */
function paragraphs(text: string): string {
  return tidyParagraphs(text.split("\n")).paragraphs.join("\n\n");
}

function nonEmpty(value: string | null | undefined): string | null {
  const t = (value ?? "").trim();
  return t === "" ? null : t;
}
