/** The headline without its marker, and whether it had one. */
export interface MarkedTitle {
  title: string;
  breaking: boolean;
}

// Emoji, symbols and brackets outlets put before the marker ("🔴 BREAKING", "[URGENT]").
// Emoji joiners and variation selectors sit outside the class: inside one they would combine.
const LEAD_IN = String.raw`^(?:[\s\p{Extended_Pictographic}\p{S}*([]|\u200d|\ufe0f)*`;
const MARKER = String.raw`(breaking news|breaking|news flash|flash|urgent|just in)`;
// A separator makes the marker unambiguous in any case: "Breaking: …", "JUST IN - …", "[Urgent] …".
// A hyphen needs a space after it, or "Flash-flood warning…" would lose its first word.
const SEPARATOR = String.raw`\s*(?:[:|\u2013\u2014]+|[)\]]|-+(?=\s|$))\s*`;
const WITH_SEPARATOR = new RegExp(`${LEAD_IN}${MARKER}${SEPARATOR}`, "iu");
const MARKER_ONLY = new RegExp(`${LEAD_IN}${MARKER}[\\s:|\\-\u2013\u2014)\\]]*$`, "iu");
// Without one, only an all-caps marker before a capitalised word counts ("FLASH Quake hits…"),
// so "Breaking Bad star…", "Flash floods…" and "URGENT care clinics…" stay headlines.
const WITHOUT_SEPARATOR = new RegExp(`${LEAD_IN}${MARKER.toUpperCase()}\\s+(?=[\\p{Lu}\\p{N}"'\u201c\u2018])`, "u");

/**
 * Strips a leading breaking-news marker. Repeats, since outlets stack them ("🚨 BREAKING: URGENT: …").
 * The rest of the headline is kept as written.
 */
export function stripBreakingMarker(title: string): MarkedTitle {
  // A headline that is nothing but a marker keeps its text: an empty title helps no one.
  if (MARKER_ONLY.test(title)) return { title: title.trim(), breaking: true };
  let rest = title.trim();
  let breaking = false;
  for (;;) {
    const stripped = stripOnce(rest);
    if (stripped === null) break;
    breaking = true;
    rest = stripped;
  }
  return { title: rest, breaking };
}

function stripOnce(title: string): string | null {
  const separated = WITH_SEPARATOR.exec(title);
  if (separated !== null) return title.slice(separated[0].length).trim();
  const bare = WITHOUT_SEPARATOR.exec(title);
  // "FLASH FLOODS KILL 20" is a shouted headline, not a marker: the rest must not be all caps too.
  if (bare !== null && /\p{Ll}/u.test(title.slice(bare[0].length))) return title.slice(bare[0].length).trim();
  return null;
}

/** The sources of one cluster, each with when it was first seen reporting it. */
export interface ClusterSighting {
  sourceName: string;
  firstSeenAt: Date;
}

/** How many distinct outlets must report a story, and how close together, for it to be breaking. */
export const BREAKING_SOURCES = 3;
export const BREAKING_WINDOW_MS = 30 * 60 * 1000;

/**
 * True when at least three distinct sources first reported the cluster in the 30 minutes up to
 * `now`: the story is breaking now, not merely widely covered over a day.
 */
export function isClusterBreaking(sightings: readonly ClusterSighting[], now: Date): boolean {
  const from = now.getTime() - BREAKING_WINDOW_MS;
  const sources = new Set<string>();
  for (const { sourceName, firstSeenAt } of sightings) {
    const at = firstSeenAt.getTime();
    if (at >= from && at <= now.getTime()) sources.add(sourceName.trim().toLowerCase());
  }
  return sources.size >= BREAKING_SOURCES;
}
