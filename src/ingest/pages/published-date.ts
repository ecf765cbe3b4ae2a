import { clampToNow, parseFeedDate } from "../dates.js";
import { firstMeta, type PageMetadata } from "./page-metadata.js";
import { dateFromUrl } from "./url-date.js";

// Where pages state their publication time, most deliberate first. Modification times are left
// out on purpose: an alert must not present a story edited today as news from today.

/** Meta names (lower case) that hold the first publication time. */
const PUBLISHED_META = [
  "article:published_time", "datepublished", "og:published_time", "published_time", "pubdate", "publishdate",
  "publish-date", "publish_date", "publication_date", "parsely-pub-date", "sailthru.date", "dc.date.issued",
  "dcterms.issued", "dc.date", "dcterms.created", "date", "cxenseparse:recs:publishtime", "article_date_original",
  "originalpublicationdate",
];

export interface DateSources {
  jsonLd: string | null;
  metadata: PageMetadata;
  readability: string | null;
  url: string | null;
}

export type PublishedDate = { date: Date; from: "page" | "url" } | { date: null };

export function choosePublishedDate(sources: DateSources, now?: Date): PublishedDate {
  const stated = [
    sources.jsonLd,
    ...PUBLISHED_META.map((key) => firstMeta(sources.metadata, key)),
    ...sources.metadata.timeValues,
    sources.readability,
  ];
  for (const raw of stated) {
    const date = parseFeedDate(raw, now);
    if (date !== null) return { date, from: "page" };
  }
  const fromUrl = dateFromUrl(sources.url);
  if (fromUrl === null) return { date: null };
  return { date: now === undefined ? fromUrl : clampToNow(fromUrl, now), from: "url" };
}
