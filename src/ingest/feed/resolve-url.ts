/**
 * Resolves `href` against a chain of bases, outermost first (feed URL, then each `xml:base` on
 * the way down). Returns an absolute http(s) URL, or null when the result is relative,
 * unparseable or another scheme (javascript:, mailto:).
 */
export function resolveUrl(href: string | undefined | null, ...bases: Array<string | undefined | null>): string | null {
  if (href == null) return null;
  const trimmed = href.trim();
  if (trimmed === "") return null;
  const url = parse(trimmed, resolveBase(bases));
  return url !== null && (url.protocol === "http:" || url.protocol === "https:") ? url.href : null;
}

/** The effective base of a chain: each relative xml:base resolves against the one above it. */
export function resolveBase(bases: Array<string | undefined | null>): string | undefined {
  let base: string | undefined;
  for (let k = 0; k < bases.length; k++) {
    const b = bases[k];
    if (b == null || b.trim() === "") continue;
    // The first base is the already-resolved outer one (or the feed URL): reuse it as it is.
    base = base === undefined && k === 0 ? b.trim() : (parse(b.trim(), base)?.href ?? base);
  }
  return base;
}

function parse(href: string, base: string | undefined): URL | null {
  try {
    return new URL(href, base);
  } catch {
    return null;
  }
}

/**
 * The URL relative links are resolved against when the caller does not know where the body came
 * from (a file import): the feed's own self link, else its absolute site link.
 */
export function documentUrl(fetchedFrom: string | undefined, ...declared: Array<string | undefined | null>): string | undefined {
  if (fetchedFrom !== undefined) return fetchedFrom;
  for (const candidate of declared) {
    const absolute = resolveUrl(candidate);
    if (absolute !== null) return absolute;
  }
  return undefined;
}
