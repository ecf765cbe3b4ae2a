import type { FetchSettings } from "./fetch-settings.js";

// Feed types first, then pages: the same fetcher also reads a site's HTML to find its feed links.
const ACCEPT =
  "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, " +
  "text/xml;q=0.9, application/json;q=0.8, text/html;q=0.7, */*;q=0.5";

/** Only the encodings decodeContent can undo (zstd would need Node 22's zlib). */
export const ACCEPT_ENCODING = "gzip, deflate, br";

export function buildRequestHeaders(settings: FetchSettings): Record<string, string> {
  const headers: Record<string, string> = {
    "user-agent": settings.userAgent,
    accept: ACCEPT,
    "accept-encoding": ACCEPT_ENCODING,
  };
  if (settings.etag) headers["if-none-match"] = settings.etag;
  if (settings.lastModified) headers["if-modified-since"] = settings.lastModified;
  return headers;
}
