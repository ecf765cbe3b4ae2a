import { firstMeta, type PageMetadata } from "./page-metadata.js";

// Author names, from the most structured source that has any. Meta tags often hold a profile
// URL instead of a name (article:author → facebook.com/…): those are not bylines.

const AUTHOR_META = ["author", "article:author", "parsely-author", "sailthru.author", "byl", "dc.creator"];

export function chooseByline(jsonLdAuthors: string[], metadata: PageMetadata, readabilityByline: string | null): string | null {
  const names = jsonLdAuthors.map(cleanName).filter((n): n is string => n !== null);
  if (names.length > 0) return names.join(", ");
  for (const key of AUTHOR_META) {
    const name = cleanName(firstMeta(metadata, key));
    if (name !== null) return name;
  }
  return cleanName(readabilityByline);
}

function cleanName(raw: string | null | undefined): string | null {
  const name = (raw ?? "").replace(/\s+/g, " ").trim().replace(/^by\s+/i, "");
  if (name === "" || name.length > 200 || /^(?:https?:\/\/|www\.)|\.(?:com|org|net)\b/i.test(name)) return null;
  return name;
}
