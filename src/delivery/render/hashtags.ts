// Enough to say what an alert is about; more would bury the headline and eat the length budget.
const MAX_TAGS = 10;
const MAX_TAG_LENGTH = 32;

/**
 * A topic as a hashtag both platforms recognise: lower case `a-z0-9_` only, accents dropped,
 * spaces and hyphens turned into underscores ("Middle-East" → "#middle_east"). Undefined when
 * nothing is left.
 */
export function toHashtag(topic: string): string | undefined {
  const body = topic
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[\s-]+/g, "_")
    .replace(/[^a-z0-9_]/g, "")
    .replace(/_+/g, "_")
    .replace(/^_|_$/g, "")
    .slice(0, MAX_TAG_LENGTH);
  return body === "" ? undefined : `#${body}`;
}

/** The alert's topics as distinct hashtags, in the alert's order, at most ten. */
export function hashtagsFor(topics: readonly string[]): string[] {
  const tags = new Set<string>();
  for (const topic of topics) {
    const tag = toHashtag(topic);
    if (tag) tags.add(tag);
    if (tags.size === MAX_TAGS) break;
  }
  return [...tags];
}
