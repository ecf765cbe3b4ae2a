// The headline a page declares, in order of how deliberately it was written: the JSON-LD
// headline, og:title, twitter:title, then the <title> element and what Readability made of it,
// then the first <h1>. Document titles usually end in the site's name (" | CNN Politics",
// " - CNNArabic.com", "：日本経済新聞"): that tail goes when it matches a name the page gives
// itself, or when an <h1> on the page is exactly the part before the separator.

export interface TitleSources {
  jsonLdHeadline: string | null;
  ogTitle: string | null;
  twitterTitle: string | null;
  documentTitle: string | null;
  readabilityTitle: string | null;
  headings: string[];
  /** og:site_name, publisher name, the host's name…: what a title tail may be. */
  siteNames: string[];
}

const MAX_TITLE_CHARS = 1000;

/** Separators between a headline and the site or section names after it. */
const SEPARATORS = [" -- ", " | ", " - ", " \u2013 ", " \u2014 ", " :: ", " \u00bb ", " \u00b7 ", " / ", " : ", "\uff5c", "\uff1a", "|", "-"];
/** Separators without spaces also occur inside headlines ("Anti-CNN rally"): their tail must be the whole name. */
const TIGHT = new Set(["\uff5c", "\uff1a", "|", "-"]);

export function chooseTitle(sources: TitleSources): string | null {
  const candidates = [sources.jsonLdHeadline, sources.ogTitle, sources.twitterTitle, sources.documentTitle, sources.readabilityTitle, ...sources.headings]
    .map((t) => (t ?? "").replace(/\s+/g, " ").trim())
    // A "headline" of thousands of characters is a template error (or hostile), never a title.
    .filter((t) => t !== "" && t.length <= MAX_TITLE_CHARS);
  // "Headline that goes on and on..." is a cut-down copy: a later, complete candidate is better.
  const title = candidates.find((t) => !/(?:\.\.\.|\u2026)$/.test(t)) ?? candidates[0];
  if (title === undefined) return null;
  const stripped = stripSiteName(title, sources.siteNames);
  return headingBeforeSeparator(stripped, sources.headings) ?? stripped;
}

/** Removes trailing " | Site" parts (repeatedly) while the tail is one of `siteNames`. */
export function stripSiteName(title: string, siteNames: string[]): string {
  const names = siteNames.map(normalise).filter((n) => n.length >= 2);
  let current = title.trim();
  for (let round = 0; round < 3; round++) {
    const head = headBeforeSiteName(current, names);
    if (head === null) break;
    current = head;
  }
  return current;
}

/** The longest head whose tail after a separator is a site name; null when there is none. */
function headBeforeSiteName(title: string, names: string[]): string | null {
  let best: string | null = null;
  for (const sep of SEPARATORS) {
    const index = title.lastIndexOf(sep);
    if (index <= 0) continue;
    // "Title -- Site" also matches at its second "-": the head never ends in separator marks.
    const head = title.slice(0, index).replace(/[\s|\-\u2013\u2014:\u00bb\u00b7/\\\uff5c\uff1a]+$/u, "");
    if (head.length < 4 || !isSiteName(title.slice(index + sep.length), names, !TIGHT.has(sep))) continue;
    if (best === null || head.length > best.length) best = head;
  }
  return best;
}

/** Loosely, a tail may extend the name ("CNN Politics", "ประชาไท Prachatai.com"); strictly it may only shorten it. */
function isSiteName(tail: string, names: string[], loose: boolean): boolean {
  const t = normalise(tail);
  if (t.length < 2) return false;
  return names.some((n) => t === n || (n.startsWith(t) && t.length >= 3) || (loose && (t.startsWith(n) || (n.length >= 5 && t.includes(n)))));
}

/** An <h1> that is the document title up to a separator is the headline without the tail. */
function headingBeforeSeparator(title: string, headings: string[]): string | null {
  for (const raw of headings) {
    const heading = raw.replace(/\s+/g, " ").trim();
    if (heading.length < 4 || heading.length >= title.length || !title.startsWith(heading)) continue;
    if (/^\s*(?:[|\-\u2013\u2014:\u00bb\u00b7/\\\uff5c\uff1a])/.test(title.slice(heading.length))) return heading;
  }
  return null;
}

/** For comparing names only: NFKC, lower case, letters and digits. */
function normalise(text: string): string {
  return text.normalize("NFKC").toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "");
}

/** "www.cnn.com" → "cnn", "en.yna.co.kr" → "yna": the name a site usually calls itself. */
export function hostName(url: string | null | undefined): string | null {
  if (url == null) return null;
  let host: string;
  try {
    host = new URL(url).hostname;
  } catch {
    return null;
  }
  const labels = host.split(".").filter((l) => l !== "" && l !== "www");
  if (labels.length < 2) return labels[0] ?? null;
  // Second-level public suffixes: co.uk, com.au, co.kr, ne.jp…
  const secondLevel = labels.length >= 3 && labels.at(-1)!.length === 2 && labels.at(-2)!.length <= 3;
  const name = labels.at(secondLevel ? -3 : -2)!;
  return name.length >= 3 ? name : null;
}
