import type { NewStory } from "../db/story-queries.js";
import { stripBreakingMarker } from "../stories/breaking-marker.js";
import type { Tagger } from "../topics/tagger.js";
import { canonicalUrl } from "./canonical-url.js";
import type { ExtractedArticle } from "./pages/extracted-article.js";
import { ALERT_MAX_AGE_MS } from "./story-from-item.js";

export type ArticleStoryResult = { status: "ok"; story: NewStory } | { status: "error"; error: string };

/**
 * One article page → a story. `--url` and `--source` from the command line win over what the
 * page says about itself; a page with no link at all cannot be alerted (nothing to open).
 */
export function storyFromArticle(article: ExtractedArticle, opts: { url?: string; source?: string; now: Date; tagger: Tagger; alert: boolean }): ArticleStoryResult {
  const url = opts.url ?? article.url ?? article.canonicalUrl;
  if (!url || !/^https?:\/\//i.test(url)) return { status: "error", error: "the page has no http(s) link; pass --url <address of the article>" };
  const canonical = (opts.url ? canonicalUrl(opts.url) : article.canonicalUrl) ?? canonicalUrl(url);
  if (!canonical) return { status: "error", error: `not a usable link: ${url}` };
  const marked = stripBreakingMarker(article.title);
  const source = opts.source ?? article.sourceName ?? new URL(url).hostname.replace(/^www\./, "");
  const publishedAt = article.publishedAt && article.publishedAt.getTime() <= opts.now.getTime() ? article.publishedAt : opts.now;
  const { topics, search } = opts.tagger.tagForStorage({ title: marked.title, summary: article.summary, source, section: article.section, categories: article.section ? [article.section] : [] });
  return {
    status: "ok",
    story: {
      sourceId: null,
      sourceName: source,
      guid: null,
      url,
      canonicalUrl: canonical,
      title: marked.title,
      summary: article.summary,
      section: article.section,
      topics,
      publishedAt,
      firstSeenAt: opts.now,
      breaking: marked.breaking,
      alertable: opts.alert && opts.now.getTime() - publishedAt.getTime() <= ALERT_MAX_AGE_MS,
      clusterId: null,
      fingerprint: null,
      search,
    },
  };
}
