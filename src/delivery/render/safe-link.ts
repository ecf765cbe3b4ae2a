/**
 * The alert's URL when it is an absolute http(s) link, normalised by the URL parser (which also
 * percent-encodes quotes and spaces); undefined otherwise. Both platforms reject a message whose
 * link is malformed, and a `javascript:` link must never reach a reader.
 */
export function httpUrl(url: string): string | undefined {
  try {
    const parsed = new URL(url.trim());
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}
