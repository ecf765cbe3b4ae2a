/** `max-age` from a Cache-Control header, in seconds, or null when absent or unreadable. */
export function parseMaxAgeSeconds(cacheControl: string | undefined): number | null {
  if (cacheControl === undefined) return null;
  for (const directive of cacheControl.split(",")) {
    const match = /^\s*max-age\s*=\s*"?(\d+)"?\s*$/i.exec(directive);
    if (match) return Number(match[1]);
  }
  return null;
}
