import { canonicalUrl } from "../canonical-url.js";
import { summarize } from "../text/summary.js";
import type { ArticleExtractResult } from "./extracted-article.js";
import { classifyBoilerplate } from "./story-boilerplate.js";
import { readTextHeader } from "./text-page-header.js";
import { tidyParagraphs } from "./tidy-paragraphs.js";

export interface TextExtractOptions {
  /** Where the text was saved from. */
  url?: string;
  /** The publisher; without it, the agency in the dateline ("(Reuters)") is used. */
  sourceName?: string;
  /** Clock for clamping future dates. */
  now?: Date;
}

/** Text beyond this is not one article; the rest is cut (and said so). */
const MAX_TEXT_CHARS = 2_000_000;
/** A first line longer than this is a paragraph: the page has no headline. */
const MAX_HEADLINE_CHARS = 300;

/** "LONDON, Nov 26 (Reuters) -", "HARLOW FALLS, Ohio (AP) —": the agency in brackets. */
const DATELINE_AGENCY = /^[^()]{2,80}\(([A-Z][A-Za-z.&' ]{0,30})\)\s*(?:-{1,2}|\u2013|\u2014)/;

/**
 * Reads a news page saved as plain text: headline on the first line, a header of short lines,
 * then the story up to the credit line. Photo captions and page furniture are dropped.
 */
export function extractTextArticle(text: string, opts: TextExtractOptions = {}): ArticleExtractResult {
  const warnings: string[] = [];
  let input = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (input.length > MAX_TEXT_CHARS) {
    input = input.slice(0, MAX_TEXT_CHARS);
    warnings.push(`text is longer than ${MAX_TEXT_CHARS} characters; read only the start`);
  }
  const lines = input.split(/\r\n?|\n/);
  // "Skip to main content" and similar lines saved above the headline are not the headline.
  const start = lines.findIndex((line) => line.trim() !== "" && classifyBoilerplate(line) === null);
  const header = start === -1 ? null : readTextHeader(lines.slice(start), opts.now);
  if (header === null) return { status: "not-an-article", error: "text is empty" };
  if (header.headline.length > MAX_HEADLINE_CHARS) {
    return { status: "not-an-article", error: `first line is ${header.headline.length} characters long: not a headline` };
  }

  const tidy = tidyParagraphs(paragraphsOf(lines.slice(start + header.bodyStart)));
  const bodyText = tidy.paragraphs.join("\n\n");
  if (bodyText === "") return { status: "not-an-article", error: "no story text after the headline" };
  if (!tidy.endFound) warnings.push("no credit line or closing boilerplate found; kept the text to its end");
  if (header.published === null) warnings.push("text states no publication date");
  else if (header.fromUpdate) warnings.push("only an update time is given; used it as the publication time");

  const url = opts.url ?? null;
  return {
    status: "ok",
    article: {
      title: header.headline,
      url,
      canonicalUrl: url === null ? null : canonicalUrl(url),
      byline: header.byline,
      publishedAt: header.published,
      section: header.section,
      sourceName: opts.sourceName ?? DATELINE_AGENCY.exec(tidy.paragraphs[0] ?? "")?.[1] ?? null,
      bodyText,
      summary: summarize(bodyText, { title: header.headline }),
    },
    warnings,
  };
}

/**
 * Paragraphs are separated by blank lines. Inside a block, a line that starts in lower case
 * continues the previous one (hard-wrapped text); any other line is its own paragraph (lists of
 * headlines are written one per line).
 */
function paragraphsOf(lines: string[]): string[] {
  const paragraphs: string[] = [];
  let current: string | null = null;
  for (const raw of lines) {
    const line = raw.trim();
    if (line === "") {
      if (current !== null) paragraphs.push(current);
      current = null;
    } else if (current !== null && /^\p{Ll}/u.test(line)) {
      current = `${current} ${line}`;
    } else {
      if (current !== null) paragraphs.push(current);
      current = line;
    }
  }
  if (current !== null) paragraphs.push(current);
  return paragraphs;
}
